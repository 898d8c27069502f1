using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit;
using static TraktTracker.Tests.State.Plays;

namespace TraktTracker.Tests.Influx;

/// <summary>InfluxDB goes away in the middle of a projection: nothing is lost, and the next run finishes the job exactly.</summary>
public sealed class ProjectionOutageTests : IAsyncLifetime
{
    private readonly InfluxDbServer server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task Stopping_the_server_mid_projection_keeps_the_rest_dirty_and_a_later_run_completes_it()
    {
        var stopAfterFirstBatch = new StopServerOnFirstProgress(server);
        using var bed = await ProjectionTestBed.CreateAsync(server, reporter: stopAfterFirstBatch, batchLines: 50);
        var plays = Enumerable.Range(1, 300).Select(i => Movie(i, i % 40, Utc(2026, 1, 1).AddHours(5 * i), runtime: i % 90)).ToArray();
        bed.Insert(plays);
        var allDays = bed.Store.GetDirtyDays();

        var outage = await Assert.ThrowsAsync<InfluxException>(bed.ProjectAsync);

        Assert.Equal(InfluxFailure.Unreachable, outage.Failure);
        Assert.Contains($"Cannot reach InfluxDB at {server.Url}", outage.Message);
        Assert.Contains("stay pending", outage.Message);
        var pending = bed.Store.GetDirtyDays();
        Assert.NotEmpty(pending);
        Assert.True(pending.Count < allDays.Count, "the batch written before the outage left the outbox");
        Assert.Subset(bed.Store.GetProjectedDays().ToHashSet(), allDays.Except(pending).ToHashSet());

        await server.StartAsync();
        var resumed = await bed.ProjectAsync();

        Assert.Equal(pending.Count, resumed.DaysProjected);
        Assert.Empty(bed.Store.GetDirtyDays());
        var events = await bed.EventsAsync();
        Assert.Equal(plays.Select(p => p.HistoryId).Order(), events.Select(r => r.Long("history_id")!.Value).Order());
        var expectedMinutes = plays.Sum(p => (long)p.RuntimeMinutes!.Value);
        var daily = await bed.DailyAsync();
        Assert.Equal(allDays.Count, daily.Count);
        Assert.Equal(300, daily.Sum(r => r.Long("events_count")));
        Assert.Equal(expectedMinutes, daily.Sum(r => r.Long("watch_minutes_total")));
    }

    /// <summary>Kills influxd (as a crash would) when the projector reports its first finished batch.</summary>
    private sealed class StopServerOnFirstProgress(InfluxDbServer server) : IRunReporter
    {
        private bool stopped;

        public void Progress(string activity, string status, int percent)
        {
            if (!stopped)
            {
                stopped = true;
                server.StopAsync(graceful: false).GetAwaiter().GetResult();
            }
        }

        public void Verbose(string message) { }

        public void Warning(string message) { }

        public void ProgressCompleted(string activity) { }
    }
}
