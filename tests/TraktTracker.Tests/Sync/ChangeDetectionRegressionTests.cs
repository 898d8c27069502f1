using TraktTracker.Simulator;
using TraktTracker.Sync;
using TraktTracker.Tests.Influx;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// Ways a sync once lost changes without any crash, each against the simulator with InfluxDB on: after
/// the runs the store holds exactly the simulator's history and InfluxDB exactly its projection.
/// </summary>
[Collection(InfluxServerCollection.Name)]
public sealed class ChangeDetectionRegressionTests(InfluxDbServer server)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<SyncHarness> BackfilledAsync(int plays = 2_000)
    {
        var h = await SyncHarness.StartAsync();
        await h.ProjectIntoAsync(server);
        h.Simulator.History.SeedRandom(plays, seed: 8, newest: Now.AddHours(-2));
        await h.BackfillAsync();
        return h;
    }

    private static async Task AssertLevelAsync(SyncHarness h)
    {
        h.AssertStoreMatchesSimulator();
        await h.AssertInfluxMatchesSimulatorAsync();
    }

    [Fact]
    public async Task Scenario_1_a_reconcile_between_back_dated_adds_and_the_next_sync_hides_nothing()
    {
        await using var h = await BackfilledAsync();
        h.Simulator.History.AddMovie(8_000_001, "Logged late", 2024, Now.AddDays(-35));
        h.Simulator.History.AddMovie(8_000_002, "Logged late too", 2023, Now.AddDays(-40));

        var reconcile = await h.ReconcileAsync();
        var sync = await h.SyncAsync();

        Assert.Equal(2, reconcile.Summary.Inserted + sync.Summary.Inserted);
        Assert.Equal(2_002, h.StoredPlays().Count);
        await AssertLevelAsync(h);
    }

    [Fact]
    public async Task Scenario_2_a_delete_inside_the_window_is_applied_even_when_adds_balance_the_count()
    {
        await using var h = await BackfilledAsync();
        var newest = h.ExpectedPlays().First();
        h.Simulator.History.Remove(newest.HistoryId);
        h.Simulator.History.AddMovie(8_000_003, "New at the top", 2026, Now.AddMinutes(-10));
        h.Simulator.History.AddMovie(8_000_004, "Back-dated", 2020, Now.AddDays(-50));

        var sync = await h.SyncAsync();

        Assert.Equal((2, 1), (sync.Summary.Inserted, sync.Summary.Deleted));
        await AssertLevelAsync(h);
    }

    [Fact]
    public async Task Scenario_3_a_play_added_in_the_second_the_sync_read_last_activities_is_fetched_by_the_next_sync()
    {
        await using var h = await BackfilledAsync(500);
        SimPlay? late = null;
        for (var attempt = 0; attempt < 5 && late is null; attempt++)
        {
            await h.Simulator.History.WaitPastLastChangeAsync();
            h.Simulator.History.AddMovie(8_000_010 + attempt, "Seen at once", 2026, Now.AddMinutes(-5));
            var second = h.Simulator.History.MoviesWatchedAt;
            SimPlay? added = null;
            h.Simulator.History.AfterNextActivitiesRead(history => added = history.AddMovie(8_000_020 + attempt, "Added in the same second", 2019, Now.AddDays(-400)));
            await h.SyncAsync();
            // Valid only when the read and both adds fell in one whole second, so the add left last_activities as read.
            late = h.Simulator.History.MoviesWatchedAt == second ? added : null;
            await h.SyncAsync();
        }

        Assert.NotNull(late);
        Assert.Contains(h.Reporter.VerboseMessages, m => m.Contains("fall in the second they were read", StringComparison.Ordinal));
        Assert.Contains(h.StoredPlays(), p => p.HistoryId == late.Id);
        await AssertLevelAsync(h);
    }

    [Fact]
    public async Task A_count_neutral_move_below_the_window_after_a_sync_that_kept_no_baseline_is_found_by_the_next_sync()
    {
        await using var h = await BackfilledAsync(500);
        const string NoBaseline = "fall in the second they were read";
        var keptNone = false;
        for (var attempt = 0; attempt < 5 && !keptNone; attempt++)
        {
            await h.Simulator.History.WaitPastLastChangeAsync();
            var before = h.Reporter.VerboseMessages.Count(m => m.Contains(NoBaseline, StringComparison.Ordinal));
            h.Simulator.History.AddMovie(8_000_030 + attempt, "Seen at once", 2026, Now.AddMinutes(-5));
            await h.SyncAsync();
            keptNone = h.Reporter.VerboseMessages.Count(m => m.Contains(NoBaseline, StringComparison.Ordinal)) > before;
        }

        Assert.True(keptNone, "no sync read the activities in the second of their change");
        var old = h.ExpectedPlays()[^20];
        h.Simulator.History.Remove(old.HistoryId);
        var moved = h.Simulator.History.AddMovie(8_000_040, "Moved to another year", 2018, Now.AddDays(-300));

        var sync = await h.SyncAsync();

        Assert.Equal((1, 1), (sync.Summary.Inserted, sync.Summary.Deleted));
        Assert.Contains(h.StoredPlays(), p => p.HistoryId == moved.Id);
        await AssertLevelAsync(h);
    }

    [Fact]
    public async Task Scenario_5_plays_whose_titles_left_trakt_are_stored_counted_deleted_and_projected()
    {
        var h = await SyncHarness.StartAsync();
        await using var _ = h;
        await h.ProjectIntoAsync(server);
        var plays = h.Simulator.History.SeedRandom(600, seed: 5, newest: Now.AddHours(-2));
        var orphans = new[] { plays[10], plays[^10], plays.First(p => !p.IsMovie) }.Select(p => h.Simulator.History.DropMedia(p.Id).Id).ToList();

        var backfill = await h.BackfillAsync();

        Assert.Equal(0, backfill.Summary.ParseErrors);
        Assert.All(h.StoredPlays().Where(p => orphans.Contains(p.HistoryId)), p => Assert.Equal(("", 0L), (p.Title, p.TraktId)));
        await AssertLevelAsync(h);

        var recent = h.ExpectedPlays().First(p => !orphans.Contains(p.HistoryId));
        h.Simulator.History.Remove(recent.HistoryId);
        h.Simulator.History.Remove(orphans[0]);
        var reconcile = await h.ReconcileAsync(new RunOptions { Full = true });

        Assert.Equal(2, reconcile.Summary.Deleted);
        Assert.Empty(h.Reporter.Warnings);
        await AssertLevelAsync(h);
    }

    [Fact]
    public async Task Scenario_5_an_unparseable_item_holds_back_deletes_only_around_its_own_page_and_names_them()
    {
        await using var h = await BackfilledAsync(900);
        var plays = h.ExpectedPlays();
        var nearBroken = plays[1];   // page 1, where the broken item is
        var farAway = plays[700];    // page 3
        h.Simulator.History.Remove(nearBroken.HistoryId);
        h.Simulator.History.Remove(farAway.HistoryId);
        h.Simulator.Faults.Enqueue(SimFault.MalformedItem(MalformedShape.InvalidWatchedAt), "/sync/history");

        var reconcile = await h.ReconcileAsync(new RunOptions { Full = true });

        Assert.Equal((1, 1), (reconcile.Summary.Deleted, reconcile.Summary.ParseErrors));
        Assert.DoesNotContain(h.StoredPlays(), p => p.HistoryId == farAway.HistoryId);
        var warning = Assert.Single(h.Reporter.Warnings);
        Assert.Contains(nearBroken.HistoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), warning, StringComparison.Ordinal);
        Assert.Contains("page 1", warning, StringComparison.Ordinal);

        await h.ReconcileAsync(new RunOptions { Full = true });
        await AssertLevelAsync(h);
    }
}
