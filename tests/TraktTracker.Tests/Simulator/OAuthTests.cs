using System.Net;
using System.Text.Json;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class OAuthTests
{
    [Fact]
    public async Task Sync_endpoints_answer_401_without_a_valid_bearer_token()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var anonymous = SimulatorHttp.Client(simulator);
        using var forged = SimulatorHttp.Client(simulator, accessToken: "not-a-token");

        foreach (var path in new[] { "sync/history", "sync/last_activities", "users/settings" })
        {
            using var missing = await anonymous.GetAsync(path);
            using var unknown = await forged.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
            Assert.True(SimulatorHttp.HasHeader(missing, "x-runtime"), "a 401 comes from Trakt, not the edge");
        }
    }

    [Fact]
    public async Task Expired_access_tokens_get_401_until_refreshed()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var (access, refresh) = simulator.Auth.IssueTokens();
        using var client = SimulatorHttp.Client(simulator, access);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("users/settings")).StatusCode);

        simulator.Auth.ExpireAccessTokens();

        using var expired = await client.GetAsync("users/settings");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", SimulatorHttp.Header(expired, "WWW-Authenticate"));
        var tokens = await RefreshAsync(simulator, refresh);
        using var renewed = SimulatorHttp.Client(simulator, tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("users/settings")).StatusCode);
    }

    [Fact]
    public async Task Refresh_rotates_both_tokens_and_the_old_refresh_token_is_single_use()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { AccessTokenLifetime = TimeSpan.FromHours(24) });
        var (oldAccess, oldRefresh) = simulator.Auth.IssueTokens();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var tokens = await RefreshAsync(simulator, oldRefresh);

        var newRefresh = tokens.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(oldRefresh, newRefresh);
        Assert.NotEqual(oldAccess, tokens.GetProperty("access_token").GetString());
        Assert.Equal("bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal("public", tokens.GetProperty("scope").GetString());
        Assert.Equal(86_400, tokens.GetProperty("expires_in").GetInt64());
        Assert.InRange(tokens.GetProperty("created_at").GetInt64(), before, before + 5);
        Assert.Equal(1, simulator.Auth.RefreshCount);
        Assert.False(simulator.Auth.IsRefreshTokenValid(oldRefresh));
        Assert.True(simulator.Auth.IsRefreshTokenValid(newRefresh));

        using var reuse = await PostAsync(simulator, "oauth/token", RefreshBody(simulator, oldRefresh));
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        var error = await SimulatorHttp.ReadJsonAsync(reuse);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Equal("session not found", error.GetProperty("error_description").GetString());

        using var oldClient = SimulatorHttp.Client(simulator, oldAccess);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync("users/settings")).StatusCode);
    }

    [Fact]
    public async Task Token_endpoint_rejects_a_wrong_client_secret_as_invalid_client()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var (_, refresh) = simulator.Auth.IssueTokens();

        using var response = await PostAsync(simulator, "oauth/token", new
        {
            refresh_token = refresh, client_id = simulator.Options.ClientId, client_secret = "wrong",
            redirect_uri = "urn:ietf:wg:oauth:2.0:oob", grant_type = "refresh_token",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await SimulatorHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
        Assert.True(simulator.Auth.IsRefreshTokenValid(refresh), "a rejected client must not burn the refresh token");
    }

    [Fact]
    public async Task Authorization_code_is_exchanged_once()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var code = simulator.Auth.CreateAuthorizationCode();
        object Body() => new
        {
            code, client_id = simulator.Options.ClientId, client_secret = simulator.Options.ClientSecret,
            redirect_uri = "urn:ietf:wg:oauth:2.0:oob", grant_type = "authorization_code",
        };

        using var first = await PostAsync(simulator, "oauth/token", Body());
        using var second = await PostAsync(simulator, "oauth/token", Body());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var access = (await SimulatorHttp.ReadJsonAsync(first)).GetProperty("access_token").GetString();
        Assert.Equal(AccessTokenState.Valid, simulator.Auth.CheckAccessToken(access!));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await SimulatorHttp.ReadJsonAsync(second)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Device_flow_answers_pending_then_tokens_then_already_used()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.Auth.DeviceFlow.PendingPolls = 2;
        var code = await DeviceCodeAsync(simulator);
        Assert.Equal(5, code.EnumerateObject().Count());
        Assert.Equal("https://trakt.tv/activate", code.GetProperty("verification_url").GetString());
        Assert.Equal(600, code.GetProperty("expires_in").GetInt32());

        var statuses = new List<HttpStatusCode>();
        string? body = null;
        for (var poll = 0; poll < 4; poll++)
        {
            using var response = await PollAsync(simulator, code.GetProperty("device_code").GetString()!);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK) body = await response.Content.ReadAsStringAsync();
            else Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        var access = JsonDocument.Parse(body!).RootElement.GetProperty("access_token").GetString()!;
        Assert.Equal(AccessTokenState.Valid, simulator.Auth.CheckAccessToken(access));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(418)]
    public async Task Device_flow_can_end_with_a_scripted_outcome(int outcome)
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.Auth.DeviceFlow.PendingPolls = 1;
        simulator.Auth.DeviceFlow.Outcome = outcome;
        var deviceCode = (await DeviceCodeAsync(simulator)).GetProperty("device_code").GetString()!;

        using var pending = await PollAsync(simulator, deviceCode);
        using var final = await PollAsync(simulator, deviceCode);

        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
        Assert.Equal(outcome, (int)final.StatusCode);
    }

    [Fact]
    public async Task Device_flow_slow_down_is_a_429_once_and_unknown_codes_are_404()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.Auth.DeviceFlow.SlowDownOnce = true;
        simulator.Auth.DeviceFlow.PendingPolls = 0;
        var deviceCode = (await DeviceCodeAsync(simulator)).GetProperty("device_code").GetString()!;

        using var slowDown = await PollAsync(simulator, deviceCode);
        using var approved = await PollAsync(simulator, deviceCode);
        using var unknown = await PollAsync(simulator, "no-such-code");

        Assert.Equal(HttpStatusCode.TooManyRequests, slowDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Device_code_expires_after_expires_in()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.Auth.DeviceFlow.ExpiresIn = 0;
        var deviceCode = (await DeviceCodeAsync(simulator)).GetProperty("device_code").GetString()!;
        await Task.Delay(20);

        using var response = await PollAsync(simulator, deviceCode);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_answers_200_with_an_empty_body_and_ends_the_session()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var (access, refresh) = simulator.Auth.IssueTokens();

        using var response = await PostAsync(simulator, "oauth/revoke", new
        {
            token = access, client_id = simulator.Options.ClientId, client_secret = simulator.Options.ClientSecret,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(AccessTokenState.Unknown, simulator.Auth.CheckAccessToken(access));
        Assert.False(simulator.Auth.IsRefreshTokenValid(refresh));
    }

    [Fact]
    public async Task Authorize_redirects_with_a_code_and_the_state()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = simulator.BaseUrl };
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0");

        using var response = await browser.GetAsync(
            $"oauth/authorize?response_type=code&client_id={simulator.Options.ClientId}&redirect_uri=https://app.example/cb&state=xyz");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://app.example/cb?code=", location);
        Assert.EndsWith("&state=xyz", location);
    }

    private static object RefreshBody(TraktSimulator simulator, string refreshToken) => new
    {
        refresh_token = refreshToken, client_id = simulator.Options.ClientId, client_secret = simulator.Options.ClientSecret,
        redirect_uri = "urn:ietf:wg:oauth:2.0:oob", grant_type = "refresh_token",
    };

    private static async Task<JsonElement> RefreshAsync(TraktSimulator simulator, string refreshToken)
    {
        using var response = await PostAsync(simulator, "oauth/token", RefreshBody(simulator, refreshToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimulatorHttp.ReadJsonAsync(response);
    }

    private static async Task<JsonElement> DeviceCodeAsync(TraktSimulator simulator)
    {
        using var response = await PostAsync(simulator, "oauth/device/code", new { client_id = simulator.Options.ClientId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimulatorHttp.ReadJsonAsync(response);
    }

    private static Task<HttpResponseMessage> PollAsync(TraktSimulator simulator, string deviceCode) =>
        PostAsync(simulator, "oauth/device/token", new
        {
            code = deviceCode, client_id = simulator.Options.ClientId, client_secret = simulator.Options.ClientSecret,
        });

    private static async Task<HttpResponseMessage> PostAsync(TraktSimulator simulator, string path, object body)
    {
        using var client = SimulatorHttp.Client(simulator);
        return await client.PostAsync(path, SimulatorHttp.Json(body));
    }
}
