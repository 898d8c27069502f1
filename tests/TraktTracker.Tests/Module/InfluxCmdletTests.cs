using System.Collections;
using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Tests.Influx;
using TraktTracker.Tests.Sync;
using TraktTracker.TestSupport.Influx;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Tests.Module;

/// <summary>Test-TraktInflux and Update-TraktInflux run as scripts in the hosted engine, against a real influxd 1.6.7.</summary>
[Collection(InfluxServerCollection.Name)]
public sealed class InfluxCmdletTests(InfluxDbServer server, ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>, IDisposable
{
    private readonly ModuleTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string InfluxConfig(string raw, string agg, string timeZone = "Europe/Berlin", string extra = "") => _temp.Config($"""
        enable_influx = false
        timezone = "{timeZone}"
        {extra}
        [influx]
        api = "v1"
        url = "{server.Url}"
        bucket_raw = "{raw}"
        bucket_agg = "{agg}"
        """);

    private PowerShellResult Run(string script, string config, string? stateDb = null)
        => fixture.Session.Invoke($"param($Config, $Db) {script}", new Hashtable { ["Config"] = config, ["Db"] = stateDb ?? _temp.StateDb });

    [Fact]
    public async Task Test_TraktInflux_emits_a_successful_result_sets_dollar_question_and_creates_no_state_store()
    {
        var database = await server.CreateDatabaseAsync();

        var run = Run("Test-TraktInflux -ConfigPath $Config -StateDbPath $Db; $?", InfluxConfig(database, database));

        run.EnsureNoErrors();
        var result = Assert.IsType<InfluxTestResult>(run.Objects[0]);
        Assert.True(result.Success, result.Message);
        Assert.Equal(true, run.Objects[1]);
        Assert.False(File.Exists(_temp.StateDb));
    }

    [Fact]
    public async Task A_failed_check_is_a_result_that_names_the_fix_not_an_error()
    {
        var raw = await server.CreateDatabaseAsync();

        var run = Run("$r = Test-TraktInflux -ConfigPath $Config; $ok = $?; $r; $ok", InfluxConfig(raw, "missing_agg_db"));

        var result = Assert.IsType<InfluxTestResult>(run.Objects[0]);
        Assert.Equal((false, true, false), (result.Success, result.CanWriteRaw, result.CanWriteDaily));
        Assert.Equal(true, run.Objects[1]);
        Assert.Empty(run.Errors);
        Assert.Equal(InfluxFailure.NotFound, result.Failure);
        Assert.Contains("CREATE DATABASE \"missing_agg_db\"", result.Message);
    }

    [Fact]
    public async Task Update_TraktInflux_rebuilds_from_the_store_in_the_new_time_zone_without_calling_Trakt()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(400, seed: 41);
        await h.BackfillAsync(new RunOptions { NoInflux = true });
        var (raw, agg) = (await server.CreateDatabaseAsync(), await server.CreateDatabaseAsync());
        var trakt = $"[trakt]\nclient_id = \"{h.Settings.TraktClientId}\"\nclient_secret = \"{h.Settings.TraktClientSecret}\"\napi_url = \"{h.Simulator.BaseUrl}\"\n";
        var callsBefore = h.Simulator.Requests.Total;

        var utc = Run("Update-TraktInflux -ConfigPath $Config -StateDbPath $Db", InfluxConfig(raw, agg, "UTC", trakt), h.StateDbPath);
        var berlin = Run("Update-TraktInflux -ConfigPath $Config -StateDbPath $Db", InfluxConfig(raw, agg, "Europe/Berlin", trakt), h.StateDbPath);

        var plays = h.ExpectedPlays();
        Assert.Equal(plays.Count, Assert.IsType<ProjectionResult>(Assert.Single(utc.EnsureNoErrors().Objects)).RawPoints);
        var result = Assert.IsType<ProjectionResult>(Assert.Single(berlin.EnsureNoErrors().Objects));
        Assert.Equal((plays.Count, 0), (result.RawPoints, result.DaysPending));
        Assert.Contains(berlin.Progress, p => p.Activity == "Projecting to InfluxDB" && p.PercentComplete == 100);
        Assert.Equal(callsBefore, h.Simulator.Requests.Total);
        await ExpectedProjection.AssertMatchesAsync(server, raw, agg, plays, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
    }

    [Fact]
    public async Task Update_TraktInflux_WhatIf_names_the_target_and_changes_nothing()
    {
        using (var store = StateStore.Open(_temp.StateDb))
        {
            store.ApplyChanges(new ChangeSet { Inserts = [TestPlays.Movie(1, 10, TestPlays.Utc(2025, 5, 1, 20))] }, new ProjectionCalendar(TimeZoneInfo.Utc).OutboxKey);
        }

        var database = await server.CreateDatabaseAsync();
        await server.WriteLinesAsync(database, "watch_event,media_type=movie history_id=99i 1700000000000000000\n");

        var run = Run("Update-TraktInflux -ConfigPath $Config -StateDbPath $Db -WhatIf", InfluxConfig(database, database));

        Assert.Empty(run.EnsureNoErrors().Objects);
        Assert.Contains($"What if: Performing the operation \"Delete watch_event and watch_daily and rewrite them from the plays in {_temp.StateDb}\" on target \"InfluxDB {server.Url}", run.HostText, StringComparison.Ordinal);
        Assert.Equal(99, Assert.Single(await server.QueryAsync(database, "SELECT history_id FROM watch_event")).Long("history_id"));
    }

    [Fact]
    public void Update_TraktInflux_without_a_state_store_fails_and_creates_none()
    {
        var run = Run("Update-TraktInflux -ConfigPath $Config -StateDbPath $Db", InfluxConfig("a", "b"));

        var error = run.SingleError();
        Assert.Equal("TraktStateMissing,TraktTracker.Commands.UpdateTraktInfluxCommand", error.FullyQualifiedErrorId);
        Assert.Contains("nothing to rebuild InfluxDB from", error.Exception.Message);
        Assert.False(File.Exists(_temp.StateDb));
    }

    [Fact]
    public void Update_TraktInflux_with_incomplete_settings_is_TraktConfigurationInvalid()
    {
        var config = _temp.Config("[influx]\napi = \"v2\"\nurl = \"http://127.0.0.1:1/\"\n");

        var error = Run("Update-TraktInflux -ConfigPath $Config -StateDbPath $Db", config).SingleError();

        Assert.Equal("TraktConfigurationInvalid,TraktTracker.Commands.UpdateTraktInfluxCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("Missing required Influx configuration values: INFLUX_TOKEN, INFLUX_ORG.", error.Exception.Message);
    }
}
