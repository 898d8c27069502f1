using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit;
using static TraktTracker.Tests.Influx.InfluxV1WriterTests;

namespace TraktTracker.Tests.Influx;

/// <summary>InfluxDB 1.x with <c>auth-enabled = true</c>: Basic credentials, and messages that never show the password.</summary>
public sealed class InfluxV1AuthTests(AuthenticatedInfluxDbServer server) : IClassFixture<AuthenticatedInfluxDbServer>
{
    [Fact]
    public async Task The_right_user_and_password_write_and_delete()
    {
        var database = await server.CreateDatabaseAsync();
        using var writer = new InfluxV1Writer(server.Url, InfluxDbServer.AdminUser, InfluxDbServer.AdminPassword, ProjectionTestBed.FastRetries);

        await writer.WriteAsync(database, [Point("m", 1), Point("m", 2)], CancellationToken.None);
        await writer.DeleteAsync(database, "m", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddTicks(1), CancellationToken.None);

        Assert.Empty(await server.QueryAsync(database, "SELECT * FROM \"m\""));
    }

    [Fact]
    public async Task A_wrong_password_is_named_as_such_without_showing_it()
    {
        var database = await server.CreateDatabaseAsync();
        const string wrongPassword = "not-the-Pa55word";
        using var writer = new InfluxV1Writer(server.Url, InfluxDbServer.AdminUser, wrongPassword, ProjectionTestBed.FastRetries);

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync(database, [Point("m", 1)], CancellationToken.None));

        Assert.Equal(InfluxFailure.Unauthorized, error.Failure);
        Assert.Contains("authorization failed", error.Message);
        Assert.Contains("refused user 'admin': check INFLUX_USERNAME and INFLUX_PASSWORD", error.Message);
        Assert.Contains(server.Url.ToString(), error.Message);
        Assert.DoesNotContain(wrongPassword, error.ToString());
    }

    [Fact]
    public async Task No_credentials_against_an_authenticating_server_asks_for_them()
    {
        var database = await server.CreateDatabaseAsync();
        using var writer = new InfluxV1Writer(server.Url, options: ProjectionTestBed.FastRetries);

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.DeleteAllAsync(database, "m", CancellationToken.None));

        Assert.Equal(InfluxFailure.Unauthorized, error.Failure);
        Assert.Contains("set INFLUX_USERNAME and INFLUX_PASSWORD", error.Message);
    }

    [Fact]
    public async Task A_user_without_write_permission_is_told_what_to_grant()
    {
        var database = await server.CreateDatabaseAsync();
        await server.ExecuteAsync("CREATE USER reader WITH PASSWORD 'reader-pw'");
        await server.ExecuteAsync($"GRANT READ ON \"{database}\" TO reader");
        using var writer = new InfluxV1Writer(server.Url, "reader", "reader-pw", ProjectionTestBed.FastRetries);

        var error = await Assert.ThrowsAsync<InfluxException>(() => writer.WriteAsync(database, [Point("m", 1)], CancellationToken.None));

        Assert.Equal(InfluxFailure.Forbidden, error.Failure);
        Assert.Contains($"GRANT WRITE ON \"{database}\" TO \"reader\"", error.Message);
        Assert.DoesNotContain("reader-pw", error.ToString());
    }
}
