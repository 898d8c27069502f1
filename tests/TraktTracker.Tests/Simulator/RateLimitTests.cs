using System.Net;
using System.Text.Json;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class RateLimitTests
{
    /// <summary>Like the live API, answers within the budget carry no X-Ratelimit unless the option asks for it.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_over_the_limit_is_429_with_retry_after_and_x_ratelimit(bool headerOnEveryAnswer)
    {
        await using var simulator = await TraktSimulator.StartAsync(
            new SimulatorOptions { GetLimit = 3, RetryAfterSeconds = 1, RateLimitHeaderOnEveryAnswer = headerOnEveryAnswer });
        using var client = SimulatorHttp.AuthedClient(simulator);

        var remaining = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("sync/history");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(headerOnEveryAnswer, SimulatorHttp.HasHeader(ok, "X-Ratelimit"));
            if (headerOnEveryAnswer)
            {
                remaining.Add(RateLimit(ok).GetProperty("remaining").GetInt32());
            }
        }
        using var limited = await client.GetAsync("sync/history");

        Assert.Equal(headerOnEveryAnswer ? [2, 1, 0] : [], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("1", SimulatorHttp.Header(limited, "Retry-After"));
        Assert.True(SimulatorHttp.HasHeader(limited, "x-runtime"), "an API 429 comes from Trakt, not the edge");
        var header = RateLimit(limited);
        Assert.Equal("AUTHED_API_GET_LIMIT", header.GetProperty("name").GetString());
        Assert.Equal(300, header.GetProperty("period").GetInt32());
        Assert.Equal(3, header.GetProperty("limit").GetInt32());
        Assert.Equal(0, header.GetProperty("remaining").GetInt32());
        Assert.True(DateTimeOffset.Parse(header.GetProperty("until").GetString()!) > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Buckets_are_per_token_and_refill_after_the_period()
    {
        await using var simulator = await TraktSimulator.StartAsync(
            new SimulatorOptions { GetLimit = 1, RatePeriod = TimeSpan.FromMilliseconds(300) });
        using var first = SimulatorHttp.AuthedClient(simulator);
        using var second = SimulatorHttp.AuthedClient(simulator);

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("sync/history")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("sync/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("sync/history")).StatusCode);
        await Task.Delay(400);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("sync/history")).StatusCode);
    }

    [Fact]
    public async Task Public_history_without_a_token_draws_from_the_client_bucket()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { GetLimit = 1 });
        using var anonymous = SimulatorHttp.Client(simulator);

        using var ok = await anonymous.GetAsync("users/sim-user/history");
        using var limited = await anonymous.GetAsync("users/sim-user/history");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("UNAUTHED_API_GET_LIMIT", RateLimit(limited).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Post_limit_allows_one_write_per_second_when_enforced()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { EnforcePostLimit = true });
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var first = await client.PostAsync("sync/history/remove", SimulatorHttp.Json(new { ids = new[] { 1 } }));
        using var second = await client.PostAsync("sync/history/remove", SimulatorHttp.Json(new { ids = new[] { 1 } }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("AUTHED_API_POST_LIMIT", RateLimit(second).GetProperty("name").GetString());
    }

    private static JsonElement RateLimit(HttpResponseMessage response) =>
        JsonDocument.Parse(SimulatorHttp.Header(response, "X-Ratelimit")).RootElement.Clone();
}
