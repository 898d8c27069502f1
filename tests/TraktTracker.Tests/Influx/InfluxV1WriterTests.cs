using System.Diagnostics;
using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit;

namespace TraktTracker.Tests.Influx;

[Collection(InfluxServerCollection.Name)]
public sealed class InfluxV1WriterTests(InfluxDbServer server) : IDisposable
{
    private readonly InfluxV1Writer writer = new(server.Url, options: ProjectionTestBed.FastRetries);

    public void Dispose() => writer.Dispose();

    [Fact]
    public async Task Delete_removes_only_the_half_open_range_of_that_measurement()
    {
        var database = await server.CreateDatabaseAsync();
        var start = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
        var stop = start.AddHours(23);
        var t0 = LineProtocol.ToUnixNanoseconds(start);
        var t1 = LineProtocol.ToUnixNanoseconds(stop);
        await writer.WriteAsync(database, [Point("m", t0 - 1), Point("m", t0), Point("m", t1 - 1), Point("m", t1), Point("other", t0)], CancellationToken.None);

        await writer.DeleteAsync(database, "m", start, stop, CancellationToken.None);

        Assert.Equal(new[] { t0 - 1, t1 }, (await server.QueryAsync(database, "SELECT * FROM \"m\"")).Select(r => r.Time));
        Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"other\""));
    }

    [Fact]
    public async Task Delete_all_empties_one_measurement_only()
    {
        var database = await server.CreateDatabaseAsync();
        await writer.WriteAsync(database, [Point("m", 1), Point("m", 2_000_000_000_000_000_000), Point("other", 3)], CancellationToken.None);

        await writer.DeleteAllAsync(database, "m", CancellationToken.None);

        Assert.Empty(await server.QueryAsync(database, "SELECT * FROM \"m\""));
        Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"other\""));
    }

    [Fact]
    public async Task A_statement_error_in_an_HTTP_200_answer_is_an_error()
    {
        var database = await server.CreateDatabaseAsync();
        await writer.WriteAsync(database, [Point("m", 1)], CancellationToken.None);

        var error = await Assert.ThrowsAsync<InfluxException>(
            () => writer.QueryAsync(database, "DELETE FROM \"m\" WHERE \"v\" = 1", CancellationToken.None));

        Assert.Equal(200, error.StatusCode);
        Assert.Equal(InfluxFailure.BadRequest, error.Failure);
        Assert.Contains("fields not supported in WHERE clause during deletion", error.Message);
        Assert.Contains($"database '{database}'", error.Message);
        Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"m\""));
    }

    [Fact]
    public async Task A_missing_database_says_how_to_create_it()
    {
        var error = await Assert.ThrowsAsync<InfluxException>(
            () => writer.WriteAsync("no_such_db", [Point("m", 1)], CancellationToken.None));

        Assert.Equal(InfluxFailure.NotFound, error.Failure);
        Assert.Contains(server.Url.ToString(), error.Message);
        Assert.Contains("database 'no_such_db'", error.Message);
        Assert.Contains("CREATE DATABASE \"no_such_db\"", error.Message);
    }

    [Fact]
    public async Task A_missing_retention_policy_fails_at_once_without_retries()
    {
        var database = await server.CreateDatabaseAsync();
        using var patient = new InfluxV1Writer(server.Url, options: new InfluxWriterOptions { Retry = InfluxWriterOptions.DefaultRetry with { BaseDelay = TimeSpan.FromSeconds(30) } });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InfluxException>(
            () => patient.WriteAsync($"{database}/nope", [Point("m", 1)], CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "a missing retention policy is not worth a retry");
        Assert.Equal(InfluxFailure.NotFound, error.Failure);
        Assert.Contains("retention policy 'nope'", error.Message);
    }

    [Theory]
    [InlineData("{0}/autogen")]
    [InlineData("{0}/")]
    [InlineData("{0}")]
    public async Task A_bucket_names_a_database_and_optionally_its_retention_policy(string bucketFormat)
    {
        var database = await server.CreateDatabaseAsync();

        await writer.WriteAsync(string.Format(bucketFormat, database), [Point("m", 1)], CancellationToken.None);

        Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"autogen\".\"m\""));
    }

    [Fact]
    public async Task A_partial_write_says_some_points_were_rejected_and_keeps_the_others()
    {
        var database = await server.CreateDatabaseAsync();
        await writer.WriteAsync(database, [LinePoint.Measurement("m").Field("v", 1L).Timestamp(1)], CancellationToken.None);

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync(
            database,
            [LinePoint.Measurement("m").Field("v", 2L).Timestamp(2), LinePoint.Measurement("m").Field("v", "text").Timestamp(3), LinePoint.Measurement("m").Field("v", 4L).Timestamp(4)],
            CancellationToken.None));

        Assert.True(error.SomePointsRejected);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("field type conflict", error.Message);
        Assert.Contains("Some points were rejected", error.Message);
        Assert.Equal(new long[] { 1, 2, 4 }, (await server.QueryAsync(database, "SELECT * FROM \"m\"")).Select(r => r.Long("v")!.Value));
    }

    [Fact]
    public async Task Ping_reports_the_server_version()
        => Assert.StartsWith("1.6.7", await writer.PingAsync(CancellationToken.None));

    [Fact]
    public async Task A_server_that_is_not_there_is_unreachable_after_the_retries()
    {
        using var nowhere = new InfluxV1Writer(new Uri("http://127.0.0.1:1/"), options: ProjectionTestBed.FastRetries);

        var error = await Assert.ThrowsAsync<InfluxException>(() => nowhere.WriteAsync("db", [Point("m", 1)], CancellationToken.None));

        Assert.Equal(InfluxFailure.Unreachable, error.Failure);
        Assert.Contains("Cannot reach InfluxDB at http://127.0.0.1:1/ while writing to database 'db'", error.Message);
        Assert.Contains("INFLUX_URL", error.Message);
    }

    [Fact]
    public async Task The_v2_writer_against_a_1x_server_is_told_to_set_INFLUX_API_v1()
    {
        var database = await server.CreateDatabaseAsync();
        using var v2 = new InfluxV2Writer(server.Url, "org", "token", ProjectionTestBed.FastRetries);

        var error = await Assert.ThrowsAsync<InfluxException>(() => v2.WriteAsync(database, [Point("m", 1)], CancellationToken.None));

        Assert.Equal(InfluxFailure.WrongApi, error.Failure);
        Assert.Contains("InfluxDB 1.6.7", error.Message);
        Assert.Contains("set INFLUX_API=v1", error.Message);
    }

    internal static LinePoint Point(string measurement, long timestamp) => LinePoint.Measurement(measurement).Field("v", 1L).Timestamp(timestamp);
}
