using System.Text.Json;
using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit;

namespace TraktTracker.Tests.Influx;

/// <summary>The v2 writer against the recording fake: what goes over the wire, and how each documented answer is handled.</summary>
public sealed class InfluxV2WriterTests : IAsyncLifetime
{
    private readonly InfluxV2Fake fake = new();
    private InfluxV2Writer writer = null!;

    public async Task InitializeAsync()
    {
        await fake.InitializeAsync();
        writer = NewWriter(ProjectionTestBed.FastRetries);
    }

    public async Task DisposeAsync()
    {
        writer.Dispose();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task A_write_posts_gzipped_line_protocol_with_org_bucket_precision_and_token()
    {
        var points = Points(3);

        await writer.WriteAsync("trakt_raw", points, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/api/v2/write"), (request.Method, request.Path));
        Assert.Equal(new Dictionary<string, string> { ["org"] = "fake-org", ["bucket"] = "trakt_raw", ["precision"] = "ns" }, request.Query);
        Assert.Equal("Token fake-token-do-not-print", request.Header("Authorization"));
        Assert.Equal("gzip", request.Header("Content-Encoding"));
        Assert.Equal("text/plain; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal([0x1f, 0x8b], request.RawBody[..2]);
        Assert.Equal(LineProtocol.Serialize(points), request.Body);
    }

    [Fact]
    public async Task Names_with_spaces_and_symbols_are_escaped_in_the_query()
    {
        fake.Buckets.Add("my bucket&x");
        fake.Org = "Org / Team";
        using var odd = new InfluxV2Writer(fake.Url, "Org / Team", fake.Token, ProjectionTestBed.FastRetries);

        await odd.WriteAsync("my bucket&x", Points(1), CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal(("Org / Team", "my bucket&x"), (request.QueryValue("org"), request.QueryValue("bucket")));
    }

    [Fact]
    public async Task Writes_go_in_batches_of_at_most_5000_lines()
    {
        var points = Points(12_001);

        Assert.Equal(12_001, await writer.WriteAsync("trakt_raw", points, CancellationToken.None));

        Assert.Equal(new[] { 5000, 5000, 2001 }, fake.RequestsTo("/api/v2/write").Select(r => r.Lines.Count));
        Assert.Equal(LineProtocol.Serialize(points).TrimEnd('\n').Split('\n'), fake.AcceptedLines);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_After_in_seconds_is_honoured(int status)
    {
        fake.Enqueue("/api/v2/write", status == 429 ? FakeResponse.TooManyRequests("1") : FakeResponse.Unavailable("1"));

        await writer.WriteAsync("trakt_raw", Points(2), CancellationToken.None);

        var attempts = fake.RequestsTo("/api/v2/write");
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].ElapsedSince(attempts[0]) >= TimeSpan.FromSeconds(0.95), $"waited only {attempts[1].ElapsedSince(attempts[0])}");
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.Equal(2, fake.AcceptedLines.Count);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_honoured()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        fake.Enqueue("/api/v2/write", FakeResponse.Unavailable(at.ToString("R")));

        await writer.WriteAsync("trakt_raw", Points(1), CancellationToken.None);

        var attempts = fake.RequestsTo("/api/v2/write");
        Assert.Equal(2, attempts.Count);
        // The date has whole seconds, so the wait is between one and two seconds.
        Assert.True(attempts[1].ElapsedSince(attempts[0]) >= TimeSpan.FromSeconds(0.9), $"waited only {attempts[1].ElapsedSince(attempts[0])}");
    }

    [Fact]
    public async Task Server_errors_without_Retry_After_are_retried_with_backoff_then_reported()
    {
        fake.Enqueue("/api/v2/write", FakeResponse.InternalError, FakeResponse.Unavailable(null), FakeResponse.Unavailable(null));

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync("trakt_raw", Points(1), CancellationToken.None));

        Assert.Equal(3, fake.RequestsTo("/api/v2/write").Count);
        Assert.Equal(InfluxFailure.Unavailable, error.Failure);
        Assert.Contains("kept failing through the retries (2 at most, within INFLUX_RETRY_BUDGET_SECONDS); nothing was lost", error.Message);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_fails_at_once()
    {
        fake.Enqueue("/api/v2/write", FakeResponse.TooManyRequests("3600"));

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync("trakt_raw", Points(1), CancellationToken.None));

        Assert.Single(fake.Requests);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("asked to wait 3600 s", error.Message);
    }

    public static TheoryData<FakeResponse, InfluxFailure, string> NonRetried => new()
    {
        { FakeResponse.Invalid(), InfluxFailure.BadRequest, "unable to parse 'bad line': missing fields" },
        { FakeResponse.Unauthorized, InfluxFailure.Unauthorized, "Check INFLUX_TOKEN" },
        { FakeResponse.Forbidden, InfluxFailure.Forbidden, "give it write permission on that bucket" },
        { FakeResponse.BucketNotFound("trakt_raw"), InfluxFailure.NotFound, "Create bucket 'trakt_raw' in org 'fake-org', or correct INFLUX_BUCKET_RAW" },
        { FakeResponse.TooLarge, InfluxFailure.TooLarge, "lower the batch size" },
    };

    [Theory]
    [MemberData(nameof(NonRetried))]
    public async Task Client_errors_are_not_retried_and_say_what_to_fix(FakeResponse answer, InfluxFailure failure, string advice)
    {
        fake.Enqueue("/api/v2/write", answer);

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync("trakt_raw", Points(1), CancellationToken.None));

        Assert.Single(fake.Requests);
        Assert.Equal(failure, error.Failure);
        Assert.Equal(answer.Status, error.StatusCode);
        Assert.Contains(advice, error.Message);
        Assert.Contains($"InfluxDB at {fake.Url} answered HTTP {answer.Status} while writing to bucket 'trakt_raw' (org 'fake-org')", error.Message);
        Assert.DoesNotContain(fake.Token, error.ToString());
    }

    [Fact]
    public async Task A_wrong_token_is_reported_without_the_token()
    {
        const string wrongToken = "wrong-token-S3CRET";
        using var wrong = new InfluxV2Writer(fake.Url, fake.Org, wrongToken, ProjectionTestBed.FastRetries);

        var error = await Assert.ThrowsAsync<InfluxException>(() => wrong.WriteAsync("trakt_agg", Points(1), CancellationToken.None));

        Assert.Equal(InfluxFailure.Unauthorized, error.Failure);
        Assert.Contains("unauthorized access", error.Message);
        Assert.DoesNotContain(wrongToken, error.ToString());
    }

    [Fact]
    public async Task A_token_echoed_by_the_server_is_scrubbed_from_the_message()
    {
        fake.Enqueue("/api/v2/write", FakeResponse.Invalid($"token {fake.Token} is odd"));

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync("trakt_raw", Points(1), CancellationToken.None));

        Assert.Contains("token *** is odd", error.Message);
        Assert.DoesNotContain(fake.Token, error.ToString());
    }

    [Fact]
    public async Task A_422_is_a_partial_write()
    {
        fake.Enqueue("/api/v2/write", FakeResponse.PartialWrite(dropped: 2));

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync("trakt_raw", Points(5), CancellationToken.None));

        Assert.Single(fake.Requests);
        Assert.True(error.SomePointsRejected);
        Assert.Contains("partial write: field type conflict", error.Message);
        Assert.Contains("dropped=2", error.Message);
        Assert.Contains("Some points were rejected and the others written", error.Message);
    }

    [Fact]
    public async Task Delete_posts_a_half_open_range_as_RFC3339_with_the_measurement_predicate()
    {
        var start = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);

        await writer.DeleteAsync("trakt_raw", "watch_event", start, start.AddHours(23), CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/api/v2/delete"), (request.Method, request.Path));
        Assert.Equal(new Dictionary<string, string> { ["org"] = "fake-org", ["bucket"] = "trakt_raw" }, request.Query);
        Assert.Equal("Token fake-token-do-not-print", request.Header("Authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("2026-03-28T23:00:00.000000000Z", body.RootElement.GetProperty("start").GetString());
        Assert.Equal("2026-03-29T21:59:59.999999999Z", body.RootElement.GetProperty("stop").GetString());
        Assert.Equal("_measurement=\"watch_event\"", body.RootElement.GetProperty("predicate").GetString());
    }

    [Fact]
    public async Task Delete_all_spans_every_time_InfluxDB_can_store()
    {
        await writer.DeleteAllAsync("trakt_agg", "watch_daily", CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(fake.Requests).Body);
        Assert.Equal("1677-09-21T00:12:43.145224194Z", body.RootElement.GetProperty("start").GetString());
        Assert.Equal("2262-04-11T23:47:16.854775806Z", body.RootElement.GetProperty("stop").GetString());
    }

    [Theory]
    [InlineData("v3.7.0", 404)]
    [InlineData("v2.0.2", 501)]
    public async Task A_server_that_cannot_delete_says_so(string version, int status)
    {
        fake.ServerVersion = version;
        fake.Enqueue("/api/v2/delete", status == 404 ? FakeResponse.PageNotFound : FakeResponse.Error(501, "not implemented", "not implemented"));

        var error = await Assert.ThrowsAsync<InfluxException>(
            () => writer.DeleteAsync("trakt_raw", "watch_event", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None));

        Assert.Equal(InfluxFailure.DeleteNotSupported, error.Failure);
        Assert.Contains("This InfluxDB cannot delete points", error.Message);
        Assert.Contains("bucket 'trakt_raw' (org 'fake-org')", error.Message);
    }

    [Fact]
    public async Task Deleting_from_a_missing_bucket_is_not_mistaken_for_missing_delete_support()
    {
        var error = await Assert.ThrowsAsync<InfluxException>(
            () => writer.DeleteAsync("gone", "watch_event", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None));

        Assert.Equal(InfluxFailure.NotFound, error.Failure);
        Assert.Contains("bucket \"gone\" not found", error.Message);
    }

    [Fact]
    public async Task Ping_returns_the_version_header()
        => Assert.Equal("v2.7.11", await writer.PingAsync(CancellationToken.None));

    [Fact]
    public async Task Gzip_can_be_turned_off()
    {
        using var plain = NewWriter(ProjectionTestBed.FastRetries with { Gzip = false });

        await plain.WriteAsync("trakt_raw", Points(2), CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Null(request.Header("Content-Encoding"));
        Assert.Equal(request.Body, System.Text.Encoding.UTF8.GetString(request.RawBody));
    }

    private InfluxV2Writer NewWriter(InfluxWriterOptions options) => new(fake.Url, fake.Org, fake.Token, options);

    private static List<LinePoint> Points(int count)
        => Enumerable.Range(0, count)
            .Select(i => LinePoint.Measurement("watch_event").Tag("media_type", "movie").Field("history_id", (long)i).Field("title", $"T \"{i}\"").Timestamp(1_700_000_000_000_000_000L + i))
            .ToList();
}
