using TraktTracker.Simulator;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Sync;

public sealed class ReconcileTests
{
    private static async Task<SyncHarness> BackfilledRecentAsync()
    {
        // Plays over the last weeks, so the 7-day window holds some and misses others.
        var h = await SyncHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 60; i++)
        {
            h.Simulator.History.AddMovie(100 + (i % 20), $"Movie {i % 20}", 2000 + (i % 20), now.AddHours(-8 * i), runtime: 90 + i);
        }

        await h.BackfillAsync();
        return h;
    }

    [Fact]
    public async Task The_rolling_window_removes_plays_trakt_deleted_and_adds_missing_ones()
    {
        await using var h = await BackfilledRecentAsync();
        var recent = h.ExpectedPlays().First();
        h.Simulator.History.Remove(recent.HistoryId);
        var added = h.Simulator.History.AddMovie(9_999, "Added later", 2026, DateTimeOffset.UtcNow.AddDays(-2));

        var outcome = await h.ReconcileAsync();

        Assert.Equal(1, outcome.Summary.Deleted);
        Assert.Equal(added.Id, Assert.Single(outcome.NewPlays).HistoryId);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_delete_below_the_window_is_found_by_the_play_counts_without_reading_everything()
    {
        await using var h = await BackfilledRecentAsync();
        var old = h.ExpectedPlays().Last();
        h.Simulator.History.Remove(old.HistoryId);

        var window = await h.ReconcileAsync();

        Assert.Equal((1, 1, false), (window.Summary.Deleted, window.Summary.RangesDiffed, window.Summary.RanFullReconcile));
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_rolling_reconcile_diffs_everything_once_the_last_full_diff_is_older_than_RECONCILE_FULL_DAYS()
    {
        await using var h = await BackfilledRecentAsync();
        var old = h.ExpectedPlays().Last();
        h.Simulator.History.Remove(old.HistoryId);
        var backDated = h.Simulator.History.AddMovie(7_777, "Back-dated", 1990, old.WatchedAt.AddDays(-30));
        AgeLastFullDiff(h, TimeSpan.FromDays(h.Settings.ReconcileFullDays + 1));

        var outcome = await h.ReconcileAsync();

        Assert.Equal(1, outcome.Summary.Deleted);
        Assert.Equal(backDated.Id, Assert.Single(outcome.NewPlays).HistoryId);
        h.AssertStoreMatchesSimulator();
        Assert.Contains(h.Reporter.VerboseMessages, m => m.Contains("RECONCILE_FULL_DAYS", StringComparison.Ordinal));

        await h.ReconcileAsync();
        Assert.Single(h.Reporter.VerboseMessages, m => m.Contains("RECONCILE_FULL_DAYS", StringComparison.Ordinal)); // that full diff reset the clock
    }

    private static void AgeLastFullDiff(SyncHarness h, TimeSpan age)
    {
        using var store = TraktTracker.State.StateStore.Open(h.StateDbPath);
        store.SetMeta("backfill.completed_at", (DateTimeOffset.UtcNow - age).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Deleting_a_first_watch_makes_the_next_play_of_that_title_a_first_watch_again()
    {
        await using var h = await BackfilledRecentAsync();
        var title = h.ExpectedPlays().Where(p => p.TraktId == 105).OrderBy(p => p.WatchedAt).ToList();
        h.Simulator.History.Remove(title[0].HistoryId);

        var outcome = await h.ReconcileAsync(new RunOptions { Full = true });

        Assert.Equal(1, outcome.Summary.RewatchFlagsChanged);
        Assert.False(h.StoredPlays().Single(p => p.HistoryId == title[1].HistoryId).IsRewatch);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task The_delete_step_is_skipped_with_a_warning_when_an_item_of_the_window_failed_to_parse()
    {
        await using var h = await BackfilledRecentAsync();
        var victim = h.ExpectedPlays().First();
        h.Simulator.History.Remove(victim.HistoryId);
        h.Simulator.Faults.Enqueue(SimFault.MalformedItem(), "/sync/history");

        var outcome = await h.ReconcileAsync();

        Assert.Equal(0, outcome.Summary.Deleted);
        Assert.Equal(1, outcome.Summary.ParseErrors);
        Assert.Contains(h.Reporter.Lines, l => l.StartsWith("WARNING:") && l.Contains("NOT deleted"));
        Assert.Contains(h.StoredPlays(), p => p.HistoryId == victim.HistoryId);
    }
}
