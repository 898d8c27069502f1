using System.Diagnostics;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class DeviceFlowTests
{
    private const string Poll = "/oauth/device/token";

    [Fact]
    public async Task Pending_polls_end_in_stored_tokens()
    {
        await using var bed = await StartPollingAsync(pendingPolls: 3);

        var code = await bed.Client.RequestDeviceCodeAsync(CancellationToken.None);
        var tokens = await bed.Client.PollDeviceTokenAsync(code, CancellationToken.None);

        Assert.Equal(new DeviceCodePrompt("https://trakt.tv/activate", "5055CC52", TimeSpan.FromSeconds(600), TimeSpan.Zero), code.ToPrompt());
        Assert.Equal(4, bed.Simulator.Requests.Count(Poll, "POST"));
        Assert.Equal(tokens, bed.Store.LoadTokens());
        Assert.Equal(TraktTracker.Simulator.AccessTokenState.Valid, bed.Simulator.Auth.CheckAccessToken(tokens.AccessToken));
        Assert.DoesNotContain(code.Code, code.ToString());
    }

    [Theory]
    [InlineData(404, "invalid code")]
    [InlineData(409, "already used")]
    [InlineData(410, "expired")]
    [InlineData(418, "denied")]
    public async Task A_final_poll_status_stops_with_its_own_message(int status, string meaning)
    {
        await using var bed = await StartPollingAsync(pendingPolls: 1);
        bed.Simulator.Auth.DeviceFlow.Outcome = status;

        var code = await bed.Client.RequestDeviceCodeAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.PollDeviceTokenAsync(code, CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(meaning, error.Message);
        Assert.Contains("run Connect-Trakt again", error.Message);
        Assert.Equal(2, bed.Simulator.Requests.Count(Poll, "POST"));
        Assert.Null(bed.Store.LoadTokens());
    }

    [Fact]
    public async Task Slow_down_lengthens_the_interval_and_polling_goes_on()
    {
        await using var bed = await StartPollingAsync(pendingPolls: 2);
        bed.Simulator.Auth.DeviceFlow.SlowDownOnce = true;
        var code = await bed.Client.RequestDeviceCodeAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();

        await bed.Client.PollDeviceTokenAsync(code, CancellationToken.None);

        // One 429, then three polls each at least one slow-down step (200 ms) apart.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(590), $"took only {clock.ElapsedMilliseconds} ms");
        Assert.Equal(4, bed.Simulator.Requests.Count(Poll, "POST"));
        Assert.Contains(bed.Reporter.Lines, l => l.Contains("poll more slowly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Polling_stops_when_the_code_expires_unapproved()
    {
        await using var bed = await TraktTestBed.StartAsync(connected: false);
        bed.Simulator.Auth.DeviceFlow.PendingPolls = 1000;
        var issued = await bed.Client.RequestDeviceCodeAsync(CancellationToken.None);
        var code = issued with { ExpiresIn = TimeSpan.FromMilliseconds(400), Interval = TimeSpan.FromMilliseconds(100) };

        var error = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.PollDeviceTokenAsync(code, CancellationToken.None));

        Assert.Contains("expired", error.Message);
        Assert.InRange(bed.Simulator.Requests.Count(Poll, "POST"), 1, 4); // stopped at expiry, not after 1000 pending polls
    }

    /// <summary>A bed not yet connected whose device flow answers "pending" <paramref name="pendingPolls"/> times, with no wait between polls.</summary>
    private static async Task<TraktTestBed> StartPollingAsync(int pendingPolls)
    {
        var bed = await TraktTestBed.StartAsync(connected: false);
        bed.Simulator.Auth.DeviceFlow.Interval = 0;
        bed.Simulator.Auth.DeviceFlow.PendingPolls = pendingPolls;
        return bed;
    }
}
