using System.Net;
using System.Text;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class RequestGateTests
{
    [Fact]
    public async Task Trakt_responses_carry_rails_headers()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var first = await client.GetAsync("sync/last_activities");
        using var second = await client.GetAsync("sync/last_activities");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(double.TryParse(SimulatorHttp.Header(first, "x-runtime"), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.NotEqual(SimulatorHttp.Header(first, "x-request-id"), SimulatorHttp.Header(second, "x-request-id"));
    }

    [Fact]
    public async Task Wrong_api_key_is_403_from_trakt()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);
        client.DefaultRequestHeaders.Remove("trakt-api-key");
        client.DefaultRequestHeaders.Add("trakt-api-key", "deleted-app");

        using var response = await client.GetAsync("users/settings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(SimulatorHttp.HasHeader(response, "x-runtime"));
    }

    [Fact]
    public async Task Missing_api_version_is_rejected()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);
        client.DefaultRequestHeaders.Remove("trakt-api-version");

        using var response = await client.GetAsync("users/settings");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Missing_user_agent_gets_cloudflare_html_without_rails_headers()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.Client(simulator, simulator.Auth.IssueTokens().AccessToken, userAgent: false);

        using var response = await client.GetAsync("sync/history");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.False(SimulatorHttp.HasHeader(response, "x-runtime"));
        Assert.False(SimulatorHttp.HasHeader(response, "x-request-id"));
    }

    [Fact]
    public async Task User_agent_rule_can_be_switched_off_while_running()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.Client(simulator, simulator.Auth.IssueTokens().AccessToken, userAgent: false);

        simulator.Options.RequireUserAgent = false;
        using var response = await client.GetAsync("sync/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_without_json_content_type_is_412()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var response = await client.PostAsync("sync/history/remove", new StringContent("{\"ids\":[1]}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task Users_settings_names_the_connected_user()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { Username = "Sean R", Vip = true });
        using var client = SimulatorHttp.AuthedClient(simulator);

        var settings = await SimulatorHttp.ReadJsonAsync(await client.GetAsync("users/settings"));

        var user = settings.GetProperty("user");
        Assert.Equal("Sean R", user.GetProperty("username").GetString());
        Assert.Equal("sean-r", user.GetProperty("ids").GetProperty("slug").GetString());
        Assert.Equal(40, user.GetProperty("ids").GetProperty("uuid").GetString()!.Length);
        Assert.True(user.GetProperty("vip").GetBoolean());
        Assert.Equal("Europe/Berlin", settings.GetProperty("account").GetProperty("timezone").GetString());
        Assert.True(settings.GetProperty("limits").TryGetProperty("watchlist", out _));
    }

    [Fact]
    public async Task Request_log_records_requests_without_token_values()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var (access, _) = simulator.Auth.IssueTokens();
        using var client = SimulatorHttp.Client(simulator, access);

        await client.GetAsync("sync/history?limit=5");
        await client.GetAsync("sync/history/movies");
        await client.GetAsync("users/settings");

        Assert.Equal(3, simulator.Requests.Total);
        Assert.Equal(2, simulator.Requests.Count("/sync/history"));
        Assert.Equal(0, simulator.Requests.Count("/sync/history", "POST"));
        var first = simulator.Requests.All[0];
        Assert.Equal("/sync/history?limit=5", first.PathAndQuery);
        Assert.Equal(200, first.Status);
        Assert.Equal("TraktTrackerTests/1.0", first.UserAgent);
        Assert.True(first.HadAuthorization);
        Assert.DoesNotContain(simulator.Requests.All, r => r.ToString().Contains(access));
        simulator.Requests.Reset();
        Assert.Equal(0, simulator.Requests.Total);
    }

    [Fact]
    public async Task Latency_delays_every_request()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(400) });
        using var client = SimulatorHttp.AuthedClient(simulator);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await client.GetAsync("sync/last_activities");

        // A lower bound only, with room for timer granularity: a loopback answer without latency takes a few ms.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"took only {clock.Elapsed}");
    }
}
