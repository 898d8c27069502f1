using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TraktTracker.Simulator;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class ResilienceTests
{
    private const string History = "/sync/history";

    public static TheoryData<string> PassingFaults => new()
    {
        "RateLimited", "500", "502", "503", "504", "520", "521", "522", "523", "524", "TruncatedBody", "ConnectionReset",
    };

    [Theory]
    [MemberData(nameof(PassingFaults))]
    public async Task A_passing_fault_is_retried_and_the_page_arrives_intact(string fault)
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(40, seed: 2);
        bed.Simulator.Faults.Enqueue(Fault(fault), History, times: 2);

        var page = await bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None);

        Assert.Equal(bed.Simulator.History.Snapshot().Select(p => p.Id), page.Items.Select(i => i.Play!.HistoryId));
        Assert.Equal(3, bed.Simulator.Requests.Count(History));
        Assert.Equal(3, bed.Client.ApiCalls);
        Assert.Equal(2, bed.Reporter.Lines.Count(l => l.Contains("retry", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_429_waits_Retry_After_before_trying_again()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.Faults.Enqueue(SimFault.RateLimited(), History);
        var clock = Stopwatch.StartNew();

        await bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(5));
        Assert.Equal(2, bed.Simulator.Requests.Count(History));
        Assert.Contains(bed.Reporter.Lines, l => l.Contains("HTTP 429 rate limit", StringComparison.Ordinal) && l.Contains("in 1.0 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_rate_headers_the_client_counts_its_own_GETs_and_stays_under_TRAKT_GET_LIMIT()
    {
        await using var bed = await TraktTestBed.StartAsync(
            sim =>
            {
                sim.GetLimit = 4;
                sim.RatePeriod = TimeSpan.FromSeconds(1);
            },
            client: o => o with { GetLimit = 4, RateWindow = TimeSpan.FromSeconds(1) });
        bed.Simulator.History.SeedRandom(80, seed: 4);

        var pages = await HistoryReadTests.ReadAllAsync(bed.Client, new HistoryRequest { Limit = 10 });

        Assert.Equal(bed.Simulator.History.Snapshot().Select(p => p.Id), pages.SelectMany(p => p.Items).Select(i => i.Play!.HistoryId));
        Assert.DoesNotContain(bed.Simulator.Requests.All, r => r.Status == 429);
        Assert.Equal(8, bed.Client.ApiCalls);
        Assert.Contains(bed.Reporter.Lines, line => line.StartsWith("INFO: Trakt GETs paused: 4 GETs in 1 s sent (TRAKT_GET_LIMIT)", StringComparison.Ordinal));
        Assert.Contains(bed.Reporter.Lines, line => line.StartsWith("PROGRESS: Waiting for Trakt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_X_Ratelimit_header_stricter_than_the_own_count_wins()
    {
        await using var bed = await TraktTestBed.StartAsync(sim =>
        {
            sim.GetLimit = 4;
            sim.RatePeriod = TimeSpan.FromSeconds(1);
            sim.RateLimitHeaderOnEveryAnswer = true;
        });
        bed.Simulator.History.SeedRandom(80, seed: 4);

        var pages = await HistoryReadTests.ReadAllAsync(bed.Client, new HistoryRequest { Limit = 10 });

        Assert.Equal(bed.Simulator.History.Snapshot().Select(p => p.Id), pages.SelectMany(p => p.Items).Select(i => i.Play!.HistoryId));
        Assert.DoesNotContain(bed.Simulator.Requests.All, r => r.Status == 429);
        Assert.Equal(8, bed.Client.ApiCalls); // one call per page: nothing was refused and retried
        Assert.Contains(bed.Reporter.Lines, line => line.Contains("X-Ratelimit header says its GET budget is spent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_are_bounded_and_then_the_failure_is_explained()
    {
        await using var bed = await TraktTestBed.StartAsync(client: o => o with { MaxRetries = 3 });
        bed.Simulator.Faults.Enqueue(SimFault.ServerError(500), History, times: 10);

        var error = await Assert.ThrowsAsync<TraktApiException>(
            () => bed.Client.GetHistoryPageAsync(new HistoryRequest(), 2, CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.StartsWith("GET /sync/history?page=2&limit=250", error.Endpoint, StringComparison.Ordinal);
        Assert.Contains("Gave up after 4 attempts in", error.Message);
        Assert.Contains("TRAKT_RETRY_BUDGET_SECONDS", error.Message);
        Assert.Contains("try again later", error.Message);
        Assert.Equal(4, bed.Simulator.Requests.Count(History));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(422)]
    public async Task A_client_error_is_not_retried(int status)
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.Faults.Enqueue(SimFault.Status(status, """{"error":"x"}"""), History, times: 5);

        var error = await Assert.ThrowsAsync<TraktApiException>(
            () => bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains("not a temporary error", error.Message);
        Assert.Equal("""{"error":"x"}""", error.ResponseBodyExcerpt);
        Assert.Equal(1, bed.Simulator.Requests.Count(History));
    }

    [Fact]
    public async Task A_403_from_Trakt_points_at_the_client_id_and_the_VIP_rule()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var client = bed.NewClient(o => o with { ClientId = "deleted-app" });

        var error = await Assert.ThrowsAsync<TraktApiException>(() => client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.False(error.FromCloudflare);
        Assert.Contains("check TRAKT_CLIENT_ID / the app still exists (apps need VIP since 2026-07-31)", error.Message);
        Assert.Equal(1, client.ApiCalls);
    }

    [Fact]
    public async Task A_Cloudflare_403_is_told_apart_from_Trakt_and_not_retried()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var client = bed.NewClient(o => o with { UserAgent = "" });

        var error = await Assert.ThrowsAsync<TraktApiException>(() => client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.True(error.FromCloudflare);
        Assert.StartsWith("Cloudflare blocked the request (not Trakt itself)", error.Message, StringComparison.Ordinal);
        Assert.Contains("User-Agent", error.Message);
        Assert.Equal(1, bed.Simulator.Requests.Total);
    }

    [Fact]
    public async Task A_Cloudflare_429_asking_for_a_long_wait_fails_at_once_with_the_wait()
    {
        await using var bed = await TraktTestBed.StartAsync(client: o => o with { MaxRetryAfter = TimeSpan.FromMinutes(1) });
        bed.Simulator.Faults.Enqueue(SimFault.CloudflareHtml(429), History);

        var error = await Assert.ThrowsAsync<TraktApiException>(
            () => bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.True(error.FromCloudflare);
        Assert.Contains("Wait 300 s", error.Message);
        Assert.Equal(1, bed.Client.ApiCalls);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task A_Cloudflare_block_with_Retry_After_is_waited_out_shown_and_the_read_goes_on(int status)
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(40, seed: 2);
        bed.Simulator.Faults.Enqueue(SimFault.CloudflareHtml(status, retryAfterSeconds: 1), History);

        var page = await bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None);

        Assert.Equal(40, page.Items.Count);
        Assert.Equal(2, bed.Simulator.Requests.Count(History));
        var retry = Assert.Single(bed.Reporter.Lines, l => l.StartsWith("INFO: ", StringComparison.Ordinal) && l.Contains("retry 1 of 5", StringComparison.Ordinal));
        Assert.Contains($"HTTP {status} from Cloudflare (a temporary block)", retry);
        Assert.Matches(@"in 1\.0 s \(at \d\d:\d\d:\d\d\)", retry);
    }

    [Fact]
    public async Task A_hung_Trakt_fails_after_the_retry_budget_with_each_retry_logged()
    {
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start(); // accepts connections (the backlog) and never answers
        await using var bed = await TraktTestBed.StartAsync();
        var client = bed.NewClient(o => o with
        {
            ApiUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}/"),
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            RetryBudget = TimeSpan.FromSeconds(1),
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        });

        var error = await Assert.ThrowsAsync<TraktApiException>(() => client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.StartsWith("Could not reach Trakt for GET /sync/last_activities", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"no answer within 0\.\d s", error.Message); // 0.3 s, or what was left of the budget
        Assert.Contains("Gave up after", error.Message);
        Assert.Equal(error.Message, EngineFailure.MessageChain(error)); // the log's last line: no "operation was canceled" echoes
        var retries = bed.Reporter.Lines.Where(l => l.StartsWith("INFO: Trakt GET /sync/last_activities: no answer within", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(retries);
        Assert.All(retries, l => Assert.Matches(@"retry \d of 5 in \d+\.\d s \(at \d\d:\d\d:\d\d\)\.$", l));
        Assert.True(client.ApiCalls < 6, $"{client.ApiCalls} attempts: the budget, not TRAKT_MAX_RETRIES, ended the retries");
    }

    [Theory]
    [InlineData(420, "account limit exceeded", "100000")]
    [InlineData(423, "locked or deactivated", "support")]
    [InlineData(426, "needs VIP", "https://trakt.tv/vip")]
    public async Task Account_states_are_explained_and_not_retried(int status, string what, string detail)
    {
        await using var bed = await TraktTestBed.StartAsync();
        var fault = status switch { 420 => SimFault.AccountLimit420(), 423 => SimFault.Locked423(), _ => SimFault.VipOnly426() };
        bed.Simulator.Faults.Enqueue(fault, "/sync/last_activities", times: 3);

        var error = await Assert.ThrowsAsync<TraktApiException>(() => bed.Client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(what, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(detail, error.Message);
        Assert.Equal(1, bed.Client.ApiCalls);
    }

    [Fact]
    public async Task An_unreachable_Trakt_is_reported_after_the_retries()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var closed = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        var client = bed.NewClient(o => o with { ApiUrl = closed, MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<TraktApiException>(() => client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.StartsWith("Could not reach Trakt for GET /sync/last_activities", error.Message, StringComparison.Ordinal);
        Assert.Contains("TRAKT_API_URL", error.Message);
        Assert.Equal(3, client.ApiCalls);
    }

    [Fact]
    public async Task The_minimum_request_interval_spaces_request_starts()
    {
        await using var bed = await TraktTestBed.StartAsync(client: o => o with { MinRequestIntervalSeconds = 0.15 });

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bed.Client.GetLastActivitiesAsync(CancellationToken.None)));

        // Measured as the requests leave the client: the server's arrival times also carry its cold-start jitter.
        var starts = bed.Spy!.Sent.Select(r => r.At).Order().ToList();
        Assert.Equal(5, starts.Count);
        // Unthrottled, five concurrent calls start within a few ms; spaced, they span 4 × 150 ms. The margin absorbs
        // scheduler jitter on a loaded machine without letting an unthrottled run pass.
        var span = starts[^1] - starts[0];
        Assert.True(span >= TimeSpan.FromMilliseconds(500), $"five requests started within {span.TotalMilliseconds:0} ms");
    }

    private static SimFault Fault(string name) => name switch
    {
        "RateLimited" => SimFault.RateLimited(retryAfterSeconds: 0),
        "TruncatedBody" => SimFault.TruncatedBody(),
        "ConnectionReset" => SimFault.ConnectionReset(),
        _ => SimFault.ServerError(int.Parse(name)),
    };

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
