using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Tests.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit.Abstractions;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// The engine against an oracle over a long random story: at least 200 seeded simulator changes of every kind,
/// interleaved with syncs and reconciles that project into a real influxd. Between runs only what the engine
/// promises is checked; after the final full reconcile SQLite and InfluxDB must hold exactly what the simulator's
/// history implies. A failure prints the seed and the story so far; the seed replays it.
/// </summary>
[Collection(InfluxServerCollection.Name)]
public sealed class DifferentialTests(InfluxDbServer server, ITestOutputHelper output)
{
    private const int Changes = 220;

    [Theory]
    [InlineData(1)]
    [InlineData(20261124)]
    public async Task Random_changes_between_syncs_and_reconciles_end_exactly_where_the_simulator_is(int seed)
    {
        var (h, changes, random) = await BackfilledStoryAsync(seed, TimeSpan.FromDays(14));
        await using var _ = h;

        for (var step = 0; step < Changes; step++)
        {
            output.WriteLine($"{step}: {changes.ApplyAny()}");
            await RunSomethingAsync(h, changes, random.Next(100));
        }

        output.WriteLine("final: reconcile -Full");
        var final = await h.ReconcileAsync(new RunOptions { Full = true });
        Assert.Equal(0, final.Summary.DaysPending);
        h.AssertStoreMatchesSimulator();
        await h.AssertInfluxMatchesSimulatorAsync();
    }

    /// <summary>
    /// The default schedule's order, day after day: a reconcile (after the evening's changes, as at 03:30), then two
    /// syncs, each after a few changes. Changes are new plays, same-second season batches, count-neutral mixes inside
    /// the window (a delete plus an add), and below the window adds or deletes (never both in one interval: together
    /// they could leave every count as it was, which only the periodic whole-history diff repairs). Now and then a play
    /// is added while a sync runs or right after it, often in the second it read last_activities. After every run
    /// without such a race, the store is exactly the simulator's history and InfluxDB exactly its projection.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(20261130)]
    public async Task The_default_schedule_leaves_the_store_level_after_every_run(int seed)
    {
        // New plays start near now, so they land in every sync's window and back-dated ones (days to years) below it.
        var (h, changes, random) = await BackfilledStoryAsync(seed, TimeSpan.FromDays(1));
        await using var _ = h;

        for (var day = 0; day < Days; day++)
        {
            ChangeAFew(h, changes, random);
            output.WriteLine($"day {day}: reconcile: {(await h.ReconcileAsync()).Summary}");
            await AssertLevelAsync(h);
            for (var sync = 0; sync < 2; sync++)
            {
                ChangeAFew(h, changes, random);
                if (random.Next(4) == 0)
                {
                    await SyncWithARacingAddAsync(h, changes, random);
                    continue;
                }

                output.WriteLine($"  sync: {(await h.SyncAsync()).Summary}");
                await AssertLevelAsync(h);
            }
        }
    }

    private const int Days = 12;

    /// <summary>300 seeded plays backfilled into a store that projects into InfluxDB; new plays start <paramref name="newPlaysAgo"/> back.</summary>
    private async Task<(SyncHarness H, RandomHistoryChanges Changes, Random Random)> BackfilledStoryAsync(int seed, TimeSpan newPlaysAgo)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var h = await SyncHarness.StartAsync();
        await h.ProjectIntoAsync(server);
        var start = DateTimeOffset.UtcNow - newPlaysAgo;
        h.Simulator.History.SeedRandom(300, seed, newest: start);
        var changes = new RandomHistoryChanges(h.Simulator.History, random, start);
        await h.BackfillAsync();
        return (h, changes, random);
    }

    private void ChangeAFew(SyncHarness h, RandomHistoryChanges changes, Random random)
    {
        var floor = StopLine(h).AddHours(1);
        var belowAdds = random.Next(2) == 0;
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            output.WriteLine("  " + random.Next(5) switch
            {
                0 => changes.Apply(RandomHistoryChanges.Kind.NewPlay),
                1 => changes.Apply(belowAdds ? RandomHistoryChanges.Kind.SameSecondBatch : RandomHistoryChanges.Kind.NewPlay),
                2 => changes.ApplyInWindowMix(floor),
                _ => changes.ApplyBelow(floor.AddHours(-2), belowAdds),
            });
        }
    }

    /// <summary>
    /// A play added while the sync runs: right after it read last_activities (in that second), or at some moment
    /// during its run. The next run has to bring it in.
    /// </summary>
    private async Task SyncWithARacingAddAsync(SyncHarness h, RandomHistoryChanges changes, Random random)
    {
        if (random.Next(2) == 0)
        {
            h.Simulator.History.AfterNextActivitiesRead(_ => output.WriteLine($"  after the read: {changes.Apply(RandomHistoryChanges.Kind.NewPlay)}"));
            output.WriteLine($"  sync: {(await h.SyncAsync()).Summary}");
            return;
        }

        var run = h.SyncAsync();
        await Task.Delay(random.Next(40));
        output.WriteLine($"  racing {changes.Apply(RandomHistoryChanges.Kind.NewPlay)}");
        output.WriteLine($"  sync: {(await run).Summary}");
    }

    private static async Task AssertLevelAsync(SyncHarness h)
    {
        h.AssertStoreMatchesSimulator();
        await h.AssertInfluxMatchesSimulatorAsync();
    }

    /// <summary>Now and then a sync (15 %), a rolling reconcile (7 %) or a full one (2 %), each checked at once.</summary>
    private async Task RunSomethingAsync(SyncHarness h, RandomHistoryChanges changes, int roll)
    {
        if (roll < 15)
        {
            var stopLine = StopLine(h);
            var sync = await h.SyncAsync();
            output.WriteLine($"  sync: {sync.Summary}");
            AssertSyncMissedNothingAbove(h, stopLine);
        }
        else if (roll < 22)
        {
            var reconcile = await h.ReconcileAsync();
            output.WriteLine($"  reconcile: {reconcile.Summary}");
            AssertWindowMatches(h, DateTimeOffset.UtcNow.AddDays(-h.Settings.ReconcileDays));
        }
        else if (roll < 24)
        {
            var full = await h.ReconcileAsync(new RunOptions { Full = true });
            output.WriteLine($"  reconcile -Full: {full.Summary}");
            h.AssertStoreMatchesSimulator();
        }
        else
        {
            return;
        }

        await AssertStoreIsTrueToTraktAndProjectedAsync(h, changes);
    }

    /// <summary>
    /// Whatever the store holds is a play Trakt had, with its exact fields, once, with rewatch flags that follow
    /// from the stored plays themselves; InfluxDB holds exactly the projection of the store.
    /// </summary>
    private static async Task AssertStoreIsTrueToTraktAndProjectedAsync(SyncHarness h, RandomHistoryChanges changes)
    {
        var stored = h.StoredPlays();
        Assert.Equal(stored.Count, stored.Select(p => p.HistoryId).Distinct().Count());
        Assert.All(stored, p => Assert.True(changes.Added.ContainsKey(p.HistoryId), $"play {p.HistoryId} never existed"));
        Assert.Equal(ExpectedHistory.From(stored.Select(p => changes.Added[p.HistoryId])), stored);
        await ExpectedProjection.AssertMatchesAsync(h.Influx!, h.Settings.InfluxBucketRaw, h.Settings.InfluxBucketAgg, stored, h.Settings.TimeZone);
    }

    /// <summary>cursor − OVERLAP_HOURS before the run: a sync reads every play at or above it.</summary>
    private static DateTimeOffset StopLine(SyncHarness h)
    {
        using var store = StateStore.Open(h.StateDbPath);
        return SyncMeta.Read(store, SyncMeta.Cursor) is { } cursor ? cursor.AddHours(-h.Settings.OverlapHours) : DateTimeOffset.MinValue;
    }

    private static void AssertSyncMissedNothingAbove(SyncHarness h, DateTimeOffset stopLine)
    {
        var stored = h.StoredPlays().Select(p => p.HistoryId).ToHashSet();
        Assert.All(h.Simulator.History.Snapshot().Where(p => p.WatchedAt >= stopLine),
            p => Assert.True(stored.Contains(p.Id), $"sync missed play {p.Id} at {p.WatchedAt:O} (stop line {stopLine:O})"));
    }

    /// <summary>After a rolling reconcile the store and Trakt agree on every play inside the window.</summary>
    private static void AssertWindowMatches(SyncHarness h, DateTimeOffset windowStart)
    {
        static bool Inside(DateTimeOffset at, DateTimeOffset start) => at >= start.AddMinutes(1);
        var simulator = h.Simulator.History.Snapshot().Where(p => Inside(p.WatchedAt, windowStart)).Select(p => p.Id).Order();
        var stored = h.StoredPlays().Where(p => Inside(p.WatchedAt, windowStart)).Select(p => p.HistoryId).Order();
        Assert.Equal(simulator, stored);
    }
}
