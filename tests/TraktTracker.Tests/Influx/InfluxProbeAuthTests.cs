using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using static TraktTracker.Tests.Influx.InfluxProbeTests;

namespace TraktTracker.Tests.Influx;

/// <summary>Test-TraktInflux's engine against an influxd with <c>auth-enabled = true</c>.</summary>
public sealed class InfluxProbeAuthTests(AuthenticatedInfluxDbServer server) : IClassFixture<AuthenticatedInfluxDbServer>
{
    [Fact]
    public async Task A_wrong_password_is_a_401_that_names_the_settings_but_never_the_password()
    {
        const string wrong = "Wr0ng-pa55word";
        var database = await server.CreateDatabaseAsync();

        var result = await TestAsync(V1Settings(server.Url, database, database) with { InfluxUsername = InfluxDbServer.AdminUser, InfluxPassword = wrong });

        Assert.False(result.Success);
        Assert.Equal((true, false, InfluxFailure.Unauthorized), (result.Reachable, result.CanWriteRaw, result.Failure));
        Assert.Contains("HTTP 401", result.Message);
        Assert.Contains("check INFLUX_USERNAME and INFLUX_PASSWORD", result.Message);
        Assert.DoesNotContain(wrong, result.ToString());
    }

    [Fact]
    public async Task A_write_only_user_passes_and_the_probe_point_is_gone_though_it_cannot_read_that_back()
    {
        var database = await server.CreateDatabaseAsync();
        await server.ExecuteAsync("CREATE USER probe_writer WITH PASSWORD 'writer-pw'");
        await server.ExecuteAsync($"GRANT WRITE ON \"{database}\" TO probe_writer");

        var result = await TestAsync(V1Settings(server.Url, database, database) with { InfluxUsername = "probe_writer", InfluxPassword = "writer-pw" });

        Assert.True(result.Success, result.Message);
        Assert.Contains("may not read", result.Message);
        Assert.Empty(await MeasurementsAsync(server, database));
    }

    [Fact]
    public async Task A_read_only_user_is_told_what_to_grant()
    {
        var database = await server.CreateDatabaseAsync();
        await server.ExecuteAsync("CREATE USER probe_reader WITH PASSWORD 'reader-pw'");
        await server.ExecuteAsync($"GRANT READ ON \"{database}\" TO probe_reader");

        var result = await TestAsync(V1Settings(server.Url, database, database) with { InfluxUsername = "probe_reader", InfluxPassword = "reader-pw" });

        Assert.False(result.Success);
        Assert.Equal((false, false, InfluxFailure.Forbidden), (result.CanWriteRaw, result.CanWriteDaily, result.Failure));
        Assert.Contains($"GRANT WRITE ON \"{database}\" TO \"probe_reader\"", result.Message);
        Assert.DoesNotContain("reader-pw", result.ToString());
    }
}
