using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Sync;

public sealed class IncrementalSyncTests
{
    private static readonly DateTimeOffset Newest = new(2026, 9, 20, 18, 0, 0, TimeSpan.Zero);

    private static async Task<SyncHarness> BackfilledAsync(int plays = 800)
    {
        var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(plays, seed: 21, newest: Newest);
        await h.BackfillAsync();
        h.Simulator.Requests.Reset();
        return h;
    }

    [Fact]
    public async Task Nothing_changed_means_exactly_one_api_call_and_no_writes()
    {
        await using var h = await BackfilledAsync();
        var before = Fingerprint(h.StateDbPath);

        var sync = await h.SyncAsync();

        Assert.True(sync.Summary.Skipped);
        Assert.Equal(1, h.Simulator.Requests.Total);
        Assert.Equal("/sync/last_activities", h.Simulator.Requests.All.Single().PathAndQuery.Split('?')[0]);
        Assert.Equal(before, Fingerprint(h.StateDbPath));
    }

    /// <summary>The database and its WAL as bytes: any write shows up here.</summary>
    private static string Fingerprint(string db)
        => string.Join("/", new[] { db, db + "-wal" }.Select(f => File.Exists(f) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) : "none"));

    [Fact]
    public async Task New_plays_and_a_same_second_season_batch_are_added_without_a_full_reconcile()
    {
        await using var h = await BackfilledAsync();
        var now = DateTimeOffset.UtcNow;
        var added = h.Simulator.History.AddSeasonBatch(777_001, "Binge \"Show\", the", 2020, 1, 10, 9_000_001, now.AddMinutes(-5)).ToList();
        added.Add(h.Simulator.History.AddMovie(4242, "New Movie", 2026, now.AddMinutes(-1)));

        var sync = await h.SyncAsync();

        Assert.Equal(11, sync.Summary.Inserted);
        Assert.Equal(11, sync.NewPlays.Count());
        Assert.Equal((0, false), (sync.Summary.RangesDiffed, sync.Summary.RanFullReconcile));
        Assert.Equal(2, h.Simulator.Requests.Count("/sync/history")); // the window, and the count below it
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_back_dated_play_outside_the_window_is_found_by_counts_in_a_few_calls_and_turns_a_later_play_into_a_rewatch()
    {
        await using var h = await BackfilledAsync();
        var firstWatch = h.ExpectedPlays().Last(p => p.Type == MediaType.Movie && !p.IsRewatch && !p.HasUnknownDate());
        var earlier = h.Simulator.History.AddMovie(firstWatch.TraktId, firstWatch.Title, firstWatch.Year, firstWatch.WatchedAt.AddYears(-1));

        var sync = await h.SyncAsync();

        Assert.Equal((1, false), (sync.Summary.RangesDiffed, sync.Summary.RanFullReconcile));
        Assert.InRange(sync.Summary.ApiCalls, 4, 8); // activities, window, counts down to one page of 800 plays, that page
        Assert.Contains(sync.NewPlays, p => p.HistoryId == earlier.Id);
        Assert.True(sync.Summary.RewatchFlagsChanged >= 1);
        h.AssertStoreMatchesSimulator();
        Assert.True(h.StoredPlays().Single(p => p.HistoryId == firstWatch.HistoryId).IsRewatch);
    }

    [Fact]
    public async Task An_unknown_date_play_and_a_delete_deep_in_the_past_leave_the_count_alone_and_the_whole_history_is_diffed()
    {
        await using var h = await BackfilledAsync();
        var old = h.ExpectedPlays()[600];
        h.Simulator.History.Remove(old.HistoryId);
        h.Simulator.History.AddMovie(55_555, "Some day", 1999, DateTimeOffset.UnixEpoch);

        var sync = await h.SyncAsync();

        Assert.True(sync.Summary.RanFullReconcile);
        Assert.Equal(1, sync.Summary.Deleted);
        Assert.Equal(1, sync.Summary.Inserted);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_second_run_on_the_same_store_waits_then_fails_clearly()
    {
        await using var h = await BackfilledAsync(50);
        using var first = h.Open();

        var ex = Assert.ThrowsAny<StateStoreException>(() => TrackerRuntime.Open(h.Settings, h.Reporter, lockTimeout: TimeSpan.FromMilliseconds(300)));

        Assert.IsType<StateLockedException>(ex);
        Assert.Contains(h.StateDbPath, ex.Message);
    }
}
