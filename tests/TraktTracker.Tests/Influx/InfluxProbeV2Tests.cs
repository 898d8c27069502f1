using System.Text.Json;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using static TraktTracker.Tests.Influx.InfluxProbeTests;

namespace TraktTracker.Tests.Influx;

/// <summary>Test-TraktInflux's engine over the v2 API, against the recording fake (no InfluxDB 2.x exists here).</summary>
public sealed class InfluxProbeV2Tests : IAsyncLifetime
{
    private readonly InfluxV2Fake fake = new();

    public Task InitializeAsync() => fake.InitializeAsync();

    public Task DisposeAsync() => fake.DisposeAsync();

    private TrackerSettings Settings => new()
    {
        InfluxApi = InfluxApiVersion.V2,
        InfluxUrl = fake.Url,
        InfluxOrg = fake.Org,
        InfluxToken = fake.Token,
    };

    [Fact]
    public async Task Success_writes_and_deletes_only_the_probe_measurement_in_both_buckets()
    {
        var result = await TestAsync(Settings);

        Assert.True(result.Success, result.Message);
        Assert.Equal(("v2.7.11", true, true, true), (result.ServerVersion, result.Reachable, result.CanWriteRaw, result.CanWriteDaily));
        Assert.Equal(("bucket 'trakt_raw' (org 'fake-org')", "bucket 'trakt_agg' (org 'fake-org')"), (result.RawTarget, result.AggregateTarget));
        Assert.Equal(
            ["GET /ping", "POST /api/v2/write trakt_raw", "POST /api/v2/delete trakt_raw", "POST /api/v2/write trakt_agg", "POST /api/v2/delete trakt_agg"],
            fake.Requests.Select(r => $"{r.Method} {r.Path} {r.QueryValue("bucket")}".TrimEnd()));
        Assert.All(fake.AcceptedLines, line => Assert.StartsWith("trakttracker_probe,", line));
        Assert.All(fake.RequestsTo("/api/v2/delete"), r =>
            Assert.Equal("_measurement=\"trakttracker_probe\"", JsonDocument.Parse(r.Body).RootElement.GetProperty("predicate").GetString()));
        Assert.DoesNotContain(fake.Requests, r => r.Body.Contains("watch_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_that_names_INFLUX_TOKEN_and_nothing_is_deleted()
    {
        const string wrong = "not-the-right-token";

        var result = await TestAsync(Settings with { InfluxToken = wrong });

        Assert.False(result.Success);
        Assert.Equal((true, false, false, InfluxFailure.Unauthorized), (result.Reachable, result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.Contains("unauthorized access", result.Message);
        Assert.Contains("Check INFLUX_TOKEN", result.Message);
        Assert.DoesNotContain(wrong, result.ToString());
        Assert.Empty(fake.RequestsTo("/api/v2/delete"));
    }

    [Fact]
    public async Task A_missing_bucket_is_named_with_the_command_that_creates_it()
    {
        fake.Buckets.Remove("trakt_agg");

        var result = await TestAsync(Settings);

        Assert.False(result.Success);
        Assert.Equal((true, false, InfluxFailure.NotFound), (result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.Contains("bucket \"trakt_agg\" not found", result.Message);
        Assert.Contains("influx bucket create --name 'trakt_agg' --org 'fake-org'", result.Message);
        Assert.Equal("trakt_raw", Assert.Single(fake.RequestsTo("/api/v2/delete")).QueryValue("bucket"));
    }

    [Fact]
    public async Task The_v1_api_against_InfluxDB_2_is_told_to_set_INFLUX_API_v2_before_writing_anything()
    {
        var result = await TestAsync(V1Settings(fake.Url, "trakt_raw", "trakt_agg"));

        Assert.False(result.Success);
        Assert.Equal((true, "v2.7.11", InfluxFailure.WrongApi), (result.Reachable, result.ServerVersion, result.Failure));
        Assert.Contains("Set INFLUX_API=v2 with INFLUX_TOKEN and INFLUX_ORG", result.Message);
        Assert.Equal(["/ping"], fake.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_server_that_cannot_delete_still_passes_and_says_the_probe_point_stays()
    {
        fake.ServerVersion = "3.7.0";
        fake.Enqueue("/api/v2/delete", FakeResponse.PageNotFound, FakeResponse.PageNotFound);

        var result = await TestAsync(Settings);

        Assert.True(result.Success, result.Message);
        Assert.Contains("cannot delete points", result.Message);
        Assert.Contains("The probe point stays in measurement 'trakttracker_probe'", result.Message);
        Assert.DoesNotContain("were deleted again", result.Message);
    }

    [Fact]
    public async Task A_token_that_may_write_but_not_delete_fails_and_asks_for_the_probe_to_be_removed()
    {
        fake.Enqueue("/api/v2/delete", FakeResponse.Forbidden, FakeResponse.Forbidden);

        var result = await TestAsync(Settings);

        Assert.False(result.Success);
        Assert.Equal((true, true, InfluxFailure.Forbidden), (result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.Contains("remove measurement 'trakttracker_probe' from bucket 'trakt_raw'", result.Message);
    }
}
