using TraktTracker.Config;
using TraktTracker.Tests.Influx;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Cli;

/// <summary>trakt-tracker's jobs as a real process against the simulator and a real influxd 1.6.7 (v1 API).</summary>
[Collection(InfluxServerCollection.Name)]
public sealed class CliSyncTests(InfluxDbServer server)
{
    [Fact]
    public async Task Once_backfill_incremental_and_reconcile_keep_sqlite_and_influx_equal_to_trakt()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 400, seed: 11, server);
        var sim = bed.Harness.Simulator.History;

        var backfill = await bed.RunOkAsync("--once", "backfill");
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
        var added = sim.AddMovie(10_000_001, "Fresh", 2026, DateTimeOffset.UtcNow.AddHours(-2));
        var incremental = await bed.RunOkAsync("--once", "incremental");
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
        sim.Remove(added.Id);
        var reconcile = await bed.RunOkAsync("--once", "reconcile");

        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
        Assert.Contains("Backfill finished", backfill.Stdout);
        Assert.Contains("400 fetched, 400 inserted, 0 duplicates", backfill.Stdout);
        Assert.Contains("Sync finished", incremental.Stdout);
        Assert.Contains("1 inserted", incremental.Stdout);
        Assert.Contains("Reconcile finished", reconcile.Stdout);
        Assert.Contains("1 deleted", reconcile.Stdout);
        Assert.Empty(backfill.Stderr);
    }

    [Fact]
    public async Task Force_backfill_reads_everything_again_where_a_plain_backfill_skips()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 300, seed: 12, server);
        await bed.RunOkAsync("--once", "backfill");
        var historyCalls = bed.Harness.Simulator.Requests.Count("/sync/history");

        var skipped = await bed.RunOkAsync("--once", "backfill");
        var callsAfterSkip = bed.Harness.Simulator.Requests.Count("/sync/history");
        var forced = await bed.RunOkAsync("--once", "backfill", "--force-backfill");

        Assert.Contains("Backfill skipped: Backfill already done", skipped.Stdout);
        Assert.Equal(historyCalls, callsAfterSkip);
        Assert.Contains("300 fetched, 0 inserted, 300 duplicates", forced.Stdout);
        Assert.True(bed.Harness.Simulator.Requests.Count("/sync/history") > callsAfterSkip);
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
    }

    [Fact]
    public async Task No_influx_stores_only_and_the_next_run_with_influx_projects_what_was_pending()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 250, seed: 13, server);

        var stored = await bed.RunOkAsync("--once", "backfill", "--no-influx");
        var pointsAfterStoreOnly = await bed.RawPointCountAsync();
        var synced = await bed.RunOkAsync("--once", "incremental");

        Assert.Equal(0, pointsAfterStoreOnly);
        Assert.Matches(@"InfluxDB: 0 days projected, [1-9]\d* pending", stored.Stdout);
        Assert.Contains("Sync skipped", synced.Stdout);
        Assert.Matches(@"InfluxDB: [1-9]\d* days? projected, 0 pending", synced.Stdout);
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
    }

    [Fact]
    public async Task Rebuild_influx_rewrites_the_projection_from_sqlite_without_calling_trakt()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 350, seed: 14, server);
        await bed.RunOkAsync("--once", "backfill");
        await bed.UseFreshInfluxDatabasesAsync();
        var traktCalls = bed.Harness.Simulator.Requests.Total;

        var rebuilt = await bed.RunOkAsync("--rebuild-influx");

        Assert.Equal(traktCalls, bed.Harness.Simulator.Requests.Total);
        Assert.Contains("InfluxDB projection rebuilt", rebuilt.Stdout);
        Assert.Contains("350 watch_event", rebuilt.Stdout);
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
    }

    [Fact]
    public async Task A_missing_influx_database_fails_with_exit_1_naming_it_and_keeps_the_plays_pending()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 120, seed: 15, server);
        bed.Environment[SettingNames.InfluxBucketRaw] = "no_such_database";

        var failed = await bed.RunAsync("--once", "backfill");
        bed.Environment[SettingNames.InfluxBucketRaw] = bed.RawDb;
        var recovered = await bed.RunOkAsync("--once", "incremental");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("no_such_database", failed.Stderr);
        Assert.Equal(120, bed.Harness.StoredPlays().Count);
        bed.AssertNoSecrets(failed);
        Assert.Matches(@"InfluxDB: [1-9]\d* days? projected, 0 pending", recovered.Stdout);
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
    }

    [Fact]
    public async Task Test_influx_checks_both_databases_leaves_nothing_behind_and_fails_clearly()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 0, seed: 17, server);
        bed.Environment[SettingNames.EnableInflux] = "false";

        var good = await bed.RunOkAsync("--test-influx");
        bed.Environment[SettingNames.InfluxBucketAgg] = "no_such_database";
        var missing = await bed.RunAsync("--test-influx");
        bed.Environment[SettingNames.InfluxUrl] = "http://127.0.0.1:9/";
        var unreachable = await bed.RunAsync("--test-influx");

        Assert.Contains($"reachable, version 1.6.7", good.Stdout);
        Assert.Contains($"database '{bed.RawDb}' writable, database '{bed.AggDb}' writable", good.Stdout);
        Assert.Empty(await server.QueryAsync(bed.RawDb, "SHOW SERIES"));
        Assert.Empty(await server.QueryAsync(bed.AggDb, "SHOW SERIES"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no_such_database", missing.Stderr);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("not reachable", unreachable.Stdout);
        Assert.Contains("127.0.0.1:9", unreachable.Stderr);
        Assert.Equal(0, bed.Harness.Simulator.Requests.Total);
    }

    [Fact]
    public async Task Trakt_failing_past_its_retries_exits_1_with_the_reason()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 10, seed: 16, server);
        bed.Environment[SettingNames.TraktMaxRetries] = "0";
        bed.Harness.Simulator.Faults.Enqueue(TraktTracker.Simulator.SimFault.Status(503), "/sync/last_activities");

        var result = await bed.RunAsync("--once", "incremental");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("503", result.Stderr);
        Assert.Empty(bed.Harness.StoredPlays());
    }
}
