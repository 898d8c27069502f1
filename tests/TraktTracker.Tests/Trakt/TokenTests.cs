using TraktTracker.Simulator;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class TokenTests
{
    [Fact]
    public async Task Without_stored_tokens_the_user_is_told_to_connect()
    {
        await using var bed = await TraktTestBed.StartAsync(connected: false);

        var error = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Equal("Not connected to Trakt: run Connect-Trakt (or trakt-tracker --auth).", error.Message);
        Assert.Equal(0, bed.Client.ApiCalls);
    }

    [Fact]
    public async Task A_valid_access_token_is_reused_without_refreshing()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var stored = bed.Store.LoadTokens()!;

        for (var i = 0; i < 3; i++)
        {
            await bed.Client.GetLastActivitiesAsync(CancellationToken.None);
        }

        Assert.Equal(0, bed.Simulator.Auth.RefreshCount);
        Assert.Equal(stored, bed.Store.LoadTokens());
        Assert.Equal(3, bed.Client.ApiCalls);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_first_and_the_new_pair_saved_before_use()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var (access, refresh) = bed.Simulator.Auth.IssueTokens();
        bed.Store.Seed(access, refresh, DateTimeOffset.UtcNow.AddSeconds(30));

        await bed.Client.GetLastActivitiesAsync(CancellationToken.None);

        Assert.Equal(1, bed.Simulator.Auth.RefreshCount);
        var fresh = bed.Store.LoadTokens()!;
        Assert.NotEqual(access, fresh.AccessToken);
        Assert.False(bed.Simulator.Auth.IsRefreshTokenValid(refresh));
        Assert.True(bed.Simulator.Auth.IsRefreshTokenValid(fresh.RefreshToken));
        Assert.InRange(fresh.ExpiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));
        Assert.Equal([$"refresh {refresh}", $"save {fresh.AccessToken}", $"use {fresh.AccessToken}"], bed.Events.ToList());
    }

    [Fact]
    public async Task An_access_token_Trakt_expired_early_causes_one_refresh_and_one_retry()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var old = bed.Store.LoadTokens()!;
        bed.Simulator.Auth.ExpireAccessTokens();

        await bed.Client.GetLastActivitiesAsync(CancellationToken.None);

        Assert.Equal(1, bed.Simulator.Auth.RefreshCount);
        var fresh = bed.Store.LoadTokens()!.AccessToken;
        Assert.Equal([$"use {old.AccessToken}", $"refresh {old.RefreshToken}", $"save {fresh}", $"use {fresh}"], bed.Events.ToList());
        Assert.Equal(3, bed.Client.ApiCalls);
    }

    [Fact]
    public async Task A_stop_while_a_sent_refresh_awaits_its_answer_stores_the_new_pair_then_stops()
    {
        // Trakt rotates the pair at once and answers a second later: the stop comes in between.
        await using var bed = await TraktTestBed.StartAsync(o => o.RefreshAnswerDelay = TimeSpan.FromSeconds(1));
        bed.Simulator.Auth.ExpireAccessTokens();
        using var stop = new CancellationTokenSource();

        var run = bed.Client.GetLastActivitiesAsync(stop.Token);
        while (bed.Simulator.Auth.RefreshCount == 0 && !run.IsCompleted)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var stored = bed.Store.LoadTokens()!;
        Assert.True(bed.Simulator.Auth.IsRefreshTokenValid(stored.RefreshToken), "the stored refresh token no longer works");
        Assert.Null(stored.RefreshSentAt);
        Assert.DoesNotContain(bed.Simulator.Requests.All, r => r.Path == "/oauth/token" && r.Status != 200);
        // Stopped right after the new pair was stored: the rejected request is not sent again.
        Assert.Equal(1, bed.Simulator.Requests.Count("/sync/last_activities"));
    }

    [Fact]
    public async Task A_refresh_Trakt_does_not_answer_in_time_fails_saying_what_the_next_run_will_show()
    {
        await using var bed = await TraktTestBed.StartAsync(o => o.RefreshAnswerDelay = TimeSpan.FromSeconds(30),
            o => o with { TokenExchangeTimeout = TimeSpan.FromMilliseconds(300) });
        bed.Simulator.Auth.ExpireAccessTokens();

        var error = await Assert.ThrowsAsync<TraktApiException>(() => bed.Client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Equal("POST /oauth/token", error.Endpoint);
        Assert.StartsWith("Trakt did not answer the token refresh within 0.3 s.", error.Message, StringComparison.Ordinal);
        Assert.Contains("the next run reports invalid_grant (then run Connect-Trakt again (or trakt-tracker --auth))", error.Message);
        Assert.NotNull(bed.Store.LoadTokens()!.RefreshSentAt);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task A_skewed_Trakt_clock_does_not_change_when_the_token_expires(int skewDays)
    {
        // Trakt's created_at 10 days behind: created_at + 7 days lies in the past here. Ahead: far in the future.
        await using var bed = await TraktTestBed.StartAsync(o => o.ClockSkew = TimeSpan.FromDays(skewDays));
        bed.Simulator.Auth.ExpireAccessTokens();

        var before = DateTimeOffset.UtcNow;
        await bed.Client.GetLastActivitiesAsync(CancellationToken.None);
        var after = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await bed.Client.GetLastActivitiesAsync(CancellationToken.None);
        }

        Assert.Equal(1, bed.Simulator.Auth.RefreshCount);
        Assert.InRange(bed.Store.LoadTokens()!.ExpiresAt, before.AddDays(7), after.AddDays(7));
    }

    [Fact]
    public async Task Concurrent_pages_that_all_hit_401_cause_exactly_one_refresh()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(500, seed: 8);
        var client = bed.NewClient(o => o with { MaxConcurrency = 4 });
        var pages = new List<HistoryPage>();

        await foreach (var page in client.ReadHistoryAsync(new HistoryRequest { Limit = 50 }, CancellationToken.None))
        {
            if (page.Page == 1)
            {
                bed.Simulator.Auth.ExpireAccessTokens();
            }

            pages.Add(page);
        }

        Assert.Equal(1, bed.Simulator.Auth.RefreshCount);
        Assert.True(bed.Simulator.Requests.All.Count(r => r.Status == 401) >= 2, "the pages after the first should meet 401 together");
        Assert.Equal(500, pages.SelectMany(p => p.Items).Select(i => i.Play!.HistoryId).Distinct().Count());
        Assert.Equal(1, bed.Store.SaveCount);
    }

    [Fact]
    public async Task A_401_that_survives_a_refresh_asks_to_reconnect_without_looping()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.Faults.Enqueue(SimFault.Status(401, """{"error":"invalid_token"}"""), "/sync/last_activities", times: 5);

        var error = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Contains("even right after a refresh", error.Message);
        Assert.Contains("run Connect-Trakt again (or trakt-tracker --auth)", error.Message);
        Assert.Equal(1, bed.Simulator.Auth.RefreshCount);
        Assert.Equal(2, bed.Simulator.Requests.Count("/sync/last_activities"));
    }

    [Fact]
    public async Task Redeeming_a_refresh_token_rotates_and_stores_the_pair()
    {
        await using var bed = await TraktTestBed.StartAsync(connected: false);
        var (_, refresh) = bed.Simulator.Auth.IssueTokens();

        var tokens = await bed.Client.RedeemRefreshTokenAsync(refresh, CancellationToken.None);

        Assert.Equal(tokens, bed.Store.LoadTokens());
        Assert.NotEqual(refresh, tokens.RefreshToken);
        Assert.Equal(AccessTokenState.Valid, bed.Simulator.Auth.CheckAccessToken(tokens.AccessToken));
        Assert.Equal("public", tokens.Scope);
        var settings = await bed.Client.GetUserSettingsAsync(CancellationToken.None);
        Assert.Equal("sim-user", settings.Username);
    }

    [Fact]
    public async Task Reusing_a_consumed_refresh_token_says_to_run_Connect_Trakt_again()
    {
        await using var bed = await TraktTestBed.StartAsync(connected: false);
        var (_, refresh) = bed.Simulator.Auth.IssueTokens();
        await bed.Client.RedeemRefreshTokenAsync(refresh, CancellationToken.None);
        var kept = bed.Store.LoadTokens();

        var error = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.RedeemRefreshTokenAsync(refresh, CancellationToken.None));

        Assert.StartsWith("The stored refresh token was rejected by Trakt (invalid_grant: session not found). Refresh tokens are single-use",
            error.Message, StringComparison.Ordinal);
        Assert.EndsWith("run Connect-Trakt again (or trakt-tracker --auth).", error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(kept, bed.Store.LoadTokens());
    }

    [Fact]
    public async Task A_dead_stored_session_surfaces_invalid_grant_on_the_automatic_refresh()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.Auth.InvalidateAllSessions();

        var error = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.GetLastActivitiesAsync(CancellationToken.None));

        Assert.Contains("invalid_grant", error.Message);
        Assert.Contains("run Connect-Trakt again", error.Message);
        Assert.Equal(0, bed.Store.SaveCount);
    }

    [Fact]
    public async Task The_authorization_code_grant_stores_working_tokens_and_a_used_code_is_refused()
    {
        await using var bed = await TraktTestBed.StartAsync(connected: false);
        var code = bed.Simulator.Auth.CreateAuthorizationCode();

        var tokens = await bed.Client.ExchangeAuthorizationCodeAsync(code, CancellationToken.None);

        Assert.Equal(tokens, bed.Store.LoadTokens());
        Assert.Equal(AccessTokenState.Valid, bed.Simulator.Auth.CheckAccessToken(tokens.AccessToken));
        var again = await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.ExchangeAuthorizationCodeAsync(code, CancellationToken.None));
        Assert.Contains("Trakt rejected the authorization code (invalid_grant", again.Message);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_named_on_the_token_endpoint()
    {
        await using var bed = await TraktTestBed.StartAsync(connected: false);
        var client = bed.NewClient(o => o with { ClientSecret = "wrong-secret-value" });

        var error = await Assert.ThrowsAsync<TraktApiException>(
            () => client.ExchangeAuthorizationCodeAsync(bed.Simulator.Auth.CreateAuthorizationCode(), CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("TRAKT_CLIENT_SECRET", error.Message);
    }
}
