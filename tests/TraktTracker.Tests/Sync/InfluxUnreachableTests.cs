using System.Net;
using System.Net.Sockets;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;
using Xunit.Abstractions;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// An InfluxDB that refuses connections, or accepts them and never answers, fails the run within
/// INFLUX_RETRY_BUDGET_SECONDS (here its minimum, 1 s), says each retry at INFO, and leaves every day pending.
/// </summary>
public sealed class InfluxUnreachableTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("refused")]
    [InlineData("hung")]
    public async Task The_run_fails_in_bounded_time_with_retries_logged_and_the_days_kept_pending(string server)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // hung: the kernel accepts connections into the backlog, nobody ever answers
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        if (server == "refused")
        {
            listener.Stop();
        }

        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(300, seed: 41);
        h.Settings = h.Settings with
        {
            EnableInflux = true,
            InfluxApi = InfluxApiVersion.V1,
            InfluxUrl = new Uri($"http://127.0.0.1:{port}/"),
            InfluxRetryBudgetSeconds = 1,
        };
        h.InfluxOptions = h.InfluxOptions with { Retry = h.InfluxOptions.Retry with { RequestTimeout = TimeSpan.FromMilliseconds(300) } };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InfluxException>(() => h.BackfillAsync());

        output.WriteLine($"{server}: the run failed after {clock.Elapsed.TotalSeconds:0.0} s with INFLUX_RETRY_BUDGET_SECONDS=1.");
        Assert.Equal(InfluxFailure.Unreachable, error.Failure);
        Assert.Contains("Gave up after", error.Message);
        Assert.Contains("INFLUX_RETRY_BUDGET_SECONDS", error.Message);
        Assert.Matches(server == "hung" ? @"no answer within 0\.\d s" : "(?i)refused", error.Message);
        Assert.Contains(h.Reporter.Lines, l => l.StartsWith("INFO: InfluxDB writing to database", StringComparison.Ordinal) && l.Contains("; retry 1 of 2 in", StringComparison.Ordinal));
        h.AssertStoreMatchesSimulator();
        using var store = StateStore.Open(h.StateDbPath);
        var calendar = new ProjectionCalendar(h.Settings.TimeZone);
        var everyDay = h.ExpectedPlays().Select(p => calendar.OutboxKey(p.WatchedAt)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(everyDay.Order(StringComparer.Ordinal), store.GetDirtyDays().Order(StringComparer.Ordinal));
    }
}
