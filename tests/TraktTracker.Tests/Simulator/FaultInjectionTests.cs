using System.Net;
using System.Text.Json;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class FaultInjectionTests : IAsyncLifetime
{
    private TraktSimulator _simulator = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator = await TraktSimulator.StartAsync();
        _simulator.History.SeedRandom(40, seed: 5);
        _client = SimulatorHttp.AuthedClient(_simulator);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Status_fault_answers_once_then_the_real_response_returns()
    {
        _simulator.Faults.Enqueue(SimFault.Status(422, "{\"errors\":[\"bad\"]}", ("X-Custom", "yes")), "/sync/history");

        using var faulted = await _client.GetAsync("sync/history");
        using var normal = await _client.GetAsync("sync/history");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, faulted.StatusCode);
        Assert.Equal("{\"errors\":[\"bad\"]}", await faulted.Content.ReadAsStringAsync());
        Assert.Equal("yes", SimulatorHttp.Header(faulted, "X-Custom"));
        Assert.True(SimulatorHttp.HasHeader(faulted, "x-runtime"));
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
    }

    [Fact]
    public async Task Faults_are_taken_in_order_by_matching_requests_only()
    {
        _simulator.Faults.Enqueue(SimFault.ServerError(500), "/sync/history", times: 2);
        _simulator.Faults.Enqueue(SimFault.ServerError(503));

        using var other = await _client.GetAsync("sync/last_activities");
        using var first = await _client.GetAsync("sync/history");
        using var second = await _client.GetAsync("sync/history");
        using var third = await _client.GetAsync("sync/history");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, _simulator.Faults.Pending);
    }

    [Fact]
    public async Task Rate_limited_fault_carries_retry_after_and_x_ratelimit()
    {
        _simulator.Faults.Enqueue(SimFault.RateLimited(retryAfterSeconds: 2));

        using var response = await _client.GetAsync("sync/history");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2", SimulatorHttp.Header(response, "Retry-After"));
        Assert.Equal(0, JsonDocument.Parse(SimulatorHttp.Header(response, "X-Ratelimit")).RootElement.GetProperty("remaining").GetInt32());
        Assert.True(SimulatorHttp.HasHeader(response, "x-runtime"));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Cloudflare_fault_is_html_with_retry_after_300_and_no_trakt_headers(int status)
    {
        _simulator.Faults.Enqueue(SimFault.CloudflareHtml(status));

        using var response = await _client.GetAsync("sync/history");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("banned you temporarily", await response.Content.ReadAsStringAsync());
        Assert.Equal("300", SimulatorHttp.Header(response, "Retry-After"));
        Assert.False(SimulatorHttp.HasHeader(response, "x-runtime"));
        Assert.False(SimulatorHttp.HasHeader(response, "x-request-id"));
        Assert.False(SimulatorHttp.HasHeader(response, "X-Ratelimit"));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(520)]
    [InlineData(521)]
    [InlineData(522)]
    public async Task Edge_server_errors_are_html_without_x_runtime(int status)
    {
        _simulator.Faults.Enqueue(SimFault.ServerError(status));

        using var response = await _client.GetAsync("sync/history");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.False(SimulatorHttp.HasHeader(response, "x-runtime"));
    }

    [Fact]
    public async Task Truncated_body_is_a_200_whose_json_does_not_parse()
    {
        _simulator.Faults.Enqueue(SimFault.TruncatedBody());

        using var response = await _client.GetAsync("sync/history?limit=20");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("[{\"id\":", body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Connection_reset_aborts_without_a_response()
    {
        _simulator.Faults.Enqueue(SimFault.ConnectionReset());

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync("sync/history"));
        using var next = await _client.GetAsync("sync/history");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, _simulator.Requests.All[0].Status);
    }

    [Fact]
    public async Task Malformed_item_breaks_one_item_of_the_next_history_page_only()
    {
        _simulator.Faults.Enqueue(SimFault.MalformedItem());

        using var settings = await _client.GetAsync("users/settings");
        var page = await SimulatorHttp.ReadJsonAsync(await _client.GetAsync("sync/history?limit=10"));
        var clean = await SimulatorHttp.ReadJsonAsync(await _client.GetAsync("sync/history?limit=10"));

        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var dates = page.EnumerateArray().Select(i => i.GetProperty("watched_at").GetString()).ToList();
        Assert.Equal(10, dates.Count);
        Assert.Equal(["not-a-date"], dates.Where(d => !DateTimeOffset.TryParse(d, out _)));
        Assert.Equal(page.EnumerateArray().Select(Id), clean.EnumerateArray().Select(Id));
        Assert.All(clean.EnumerateArray(), i => DateTimeOffset.Parse(i.GetProperty("watched_at").GetString()!));
    }

    [Theory]
    [InlineData(MalformedShape.MissingIds)]
    [InlineData(MalformedShape.MissingMedia)]
    public async Task Malformed_item_shapes_remove_what_they_name(MalformedShape shape)
    {
        _simulator.Faults.Enqueue(SimFault.MalformedItem(shape));

        var page = await SimulatorHttp.ReadJsonAsync(await _client.GetAsync("sync/history?limit=10"));

        var broken = page.EnumerateArray().Where(item =>
        {
            var media = item.GetProperty("type").GetString();
            return !item.TryGetProperty(media!, out var body) || !body.TryGetProperty("ids", out _);
        });
        Assert.Single(broken);
    }

    [Fact]
    public async Task Account_faults_carry_their_headers()
    {
        _simulator.Faults.Enqueue(SimFault.AccountLimit420());
        _simulator.Faults.Enqueue(SimFault.Locked423());
        _simulator.Faults.Enqueue(SimFault.VipOnly426());

        using var limit = await _client.GetAsync("sync/history");
        using var locked = await _client.GetAsync("sync/history");
        using var vip = await _client.GetAsync("sync/history");

        Assert.Equal(420, (int)limit.StatusCode);
        Assert.Empty(await limit.Content.ReadAsByteArrayAsync());
        Assert.Equal("100000", SimulatorHttp.Header(limit, "X-Account-Limit"));
        Assert.Equal(423, (int)locked.StatusCode);
        Assert.Equal("true", SimulatorHttp.Header(locked, "X-Account-Locked"));
        Assert.Equal(426, (int)vip.StatusCode);
        Assert.Equal("https://trakt.tv/vip", SimulatorHttp.Header(vip, "X-Upgrade-URL"));
    }

    [Fact]
    public async Task Oauth_endpoints_can_be_faulted_too()
    {
        _simulator.Faults.Enqueue(SimFault.ServerError(503), "/oauth/token");
        var (_, refresh) = _simulator.Auth.IssueTokens();

        using var response = await _client.PostAsync("oauth/token", SimulatorHttp.Json(new
        {
            refresh_token = refresh, client_id = _simulator.Options.ClientId, client_secret = _simulator.Options.ClientSecret,
            grant_type = "refresh_token", redirect_uri = "urn:ietf:wg:oauth:2.0:oob",
        }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(_simulator.Auth.IsRefreshTokenValid(refresh), "a failed refresh must not consume the token");
    }

    private static long Id(JsonElement item) => item.GetProperty("id").GetInt64();
}
