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
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        await using var h = await SyncHarness.StartAsync();
        await h.ProjectIntoAsync(server);
        var start = DateTimeOffset.UtcNow.AddDays(-14);
        h.Simulator.History.SeedRandom(300, seed, newest: start);
        var changes = new RandomHistoryChanges(h.Simulator.History, random, start);
        await h.BackfillAsync();

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
