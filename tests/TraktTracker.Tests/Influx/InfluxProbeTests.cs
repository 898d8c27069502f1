using System.Net;
using System.Net.Sockets;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Sync;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Influx;

/// <summary>Test-TraktInflux's engine against a real influxd 1.6.7: what it finds, and that it leaves nothing behind.</summary>
[Collection(InfluxServerCollection.Name)]
public sealed class InfluxProbeTests(InfluxDbServer server)
{
    private const string UserData = "watch_event,media_type=movie,source=trakt,is_rewatch=false,action=watch history_id=7i,title=\"Heat\" 1700000000000000000\n"
        + "watch_daily,media_type=all events_count=1i,watch_minutes_total=170i 1699916400000000000\n";

    [Fact]
    public async Task A_working_setup_succeeds_with_ENABLE_INFLUX_off_and_leaves_the_users_data_as_it_was()
    {
        var (raw, agg) = (await server.CreateDatabaseAsync(), await server.CreateDatabaseAsync());
        await server.WriteLinesAsync(raw, UserData);
        await server.WriteLinesAsync(agg, UserData);
        var before = (await server.QueryAsync(raw, "SELECT * FROM watch_event"), await server.QueryAsync(agg, "SELECT * FROM watch_daily"));

        var result = await TestAsync(V1Settings(raw, agg) with { EnableInflux = false });

        Assert.True(result.Success, result.Message);
        Assert.Equal((true, true, true, null), (result.Reachable, result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.StartsWith("1.6.7", result.ServerVersion);
        Assert.Equal((server.Url, InfluxApiVersion.V1), (result.Url, result.Api));
        Assert.Equal(($"database '{raw}'", $"database '{agg}'"), (result.RawTarget, result.AggregateTarget));
        Assert.Contains("the probe points in 'trakttracker_probe' were deleted again", result.Message);
        Assert.Equal(["watch_daily", "watch_event"], await MeasurementsAsync(raw));
        Assert.Equal(["watch_daily", "watch_event"], await MeasurementsAsync(agg));
        AssertSameRows(before.Item1, await server.QueryAsync(raw, "SELECT * FROM watch_event"));
        AssertSameRows(before.Item2, await server.QueryAsync(agg, "SELECT * FROM watch_daily"));
    }

    [Fact]
    public async Task One_database_for_both_targets_is_checked_once()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await TestAsync(V1Settings(database, database));

        Assert.True(result.Success, result.Message);
        Assert.Contains($"accepts writes to database '{database}';", result.Message);
        Assert.Empty(await MeasurementsAsync(database));
    }

    [Fact]
    public async Task A_missing_database_is_named_with_the_statement_that_creates_it()
    {
        var raw = await server.CreateDatabaseAsync();

        var result = await TestAsync(V1Settings(raw, "no_such_agg"));

        Assert.False(result.Success);
        Assert.Equal((true, true, false, InfluxFailure.NotFound), (result.Reachable, result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.Contains("database not found", result.Message);
        Assert.Contains("CREATE DATABASE \"no_such_agg\"", result.Message);
        Assert.Empty(await MeasurementsAsync(raw));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_the_message_names_the_url_and_the_setting()
    {
        var closed = ClosedPort();

        var result = await TestAsync(V1Settings("a", "b") with { InfluxUrl = closed });

        Assert.False(result.Success);
        Assert.Equal((false, false, false, InfluxFailure.Unreachable), (result.Reachable, result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.Null(result.ServerVersion);
        Assert.Contains($"Cannot reach InfluxDB at {closed}", result.Message);
        Assert.Contains("Check INFLUX_URL and that InfluxDB is running", result.Message);
    }

    [Fact]
    public async Task The_v2_api_against_InfluxDB_1_6_is_told_to_set_INFLUX_API_v1_without_showing_the_token()
    {
        const string token = "v2-token-never-shown";
        var database = await server.CreateDatabaseAsync();
        var settings = V1Settings(database, database) with { InfluxApi = InfluxApiVersion.V2, InfluxToken = token, InfluxOrg = "home" };

        var result = await TestAsync(settings);

        Assert.False(result.Success);
        Assert.Equal((true, InfluxFailure.WrongApi), (result.Reachable, result.Failure));
        Assert.StartsWith("1.6.7", result.ServerVersion);
        Assert.Contains("The server is InfluxDB 1.6.7", result.Message);
        Assert.Contains("set INFLUX_API=v1", result.Message);
        Assert.DoesNotContain(token, result.ToString());
    }

    [Fact]
    public async Task Missing_settings_fail_with_the_reference_message_before_any_request()
    {
        var settings = new TrackerSettings { InfluxApi = InfluxApiVersion.V2, InfluxUrl = server.Url };

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => TestAsync(settings));

        Assert.StartsWith("Missing required Influx configuration values: INFLUX_TOKEN, INFLUX_ORG.", error.Message);
    }

    internal static Task<InfluxTestResult> TestAsync(TrackerSettings settings)
        => TrackerRuntime.TestInfluxAsync(settings, SilentReporter.Instance, CancellationToken.None);

    internal static TrackerSettings V1Settings(Uri url, string raw, string agg) => new()
    {
        InfluxApi = InfluxApiVersion.V1,
        InfluxUrl = url,
        InfluxBucketRaw = raw,
        InfluxBucketAgg = agg,
    };

    internal static async Task<List<string>> MeasurementsAsync(InfluxDbServer server, string database)
        => (await server.QueryAsync(database, "SHOW MEASUREMENTS")).Select(r => r.String("name")!).Order().ToList();

    private TrackerSettings V1Settings(string raw, string agg) => V1Settings(server.Url, raw, agg);

    private Task<List<string>> MeasurementsAsync(string database) => MeasurementsAsync(server, database);

    private static void AssertSameRows(IReadOnlyList<InfluxRow> expected, IReadOnlyList<InfluxRow> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(r => string.Join(",", r.Values.Select(v => $"{v.Key}={v.Value}"))),
            actual.Select(r => string.Join(",", r.Values.Select(v => $"{v.Key}={v.Value}"))));
    }

    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
