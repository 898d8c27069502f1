using System.Globalization;
using TraktTracker.Config;
using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.Sync;

namespace TraktTracker.Benchmarks;

/// <summary>
/// What each kind of change costs the next run in Trakt API calls (README "What a sync repairs"): a seeded
/// history is backfilled, then each kind of change is made on the simulator and one sync (or reconcile) runs in
/// process. Prints the calls and whether the store then equals the simulator's history. Args: [plays...].
/// </summary>
public sealed class SyncCostBenchmark : IBenchmark
{
    public string Name => "sync-cost";

    public string Description => "API calls of the next sync per kind of change, and whether it repaired it: [plays...] default 2000 20000 100000";

    public async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [2_000, 20_000, 100_000];
        foreach (var plays in sizes)
        {
            await RunOnceAsync(plays);
        }
    }

    private static async Task RunOnceAsync(int plays)
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { GetLimit = 100_000 });
        var history = simulator.History;
        var now = DateTimeOffset.UtcNow;
        history.SeedRandom(plays, seed: 42, newest: now.AddHours(-3));
        var dir = Directory.CreateTempSubdirectory("tt-cost-");
        try
        {
            var settings = new TrackerSettings
            {
                TraktApiUrl = simulator.BaseUrl,
                TraktAuthUrl = simulator.BaseUrl,
                TraktClientId = simulator.Options.ClientId,
                TraktClientSecret = simulator.Options.ClientSecret,
                StateDbPath = Path.Combine(dir.FullName, "state.db"),
            };
            BackfillBenchmark.SeedTokens(simulator, settings.StateDbPath);
            var bench = new Runs(settings, simulator);
            Console.WriteLine($"{plays:N0} plays (ten years), window = cursor - {settings.OverlapHours} h, reconcile window {settings.ReconcileDays} days:");
            await bench.MeasureAsync("backfill", () => { }, (r, o) => r.BackfillAsync(o, default));

            var sync = (Func<TrackerRuntime, RunOptions, Task<SyncOutcome>>)((r, o) => r.SyncAsync(o, default));
            await bench.MeasureAsync("nothing changed", () => { }, sync);
            await bench.MeasureAsync("3 new plays at the top", () =>
            {
                for (var i = 0; i < 3; i++) history.AddMovie(70_000_000 + i, $"New {i}", 2026, now.AddMinutes(-30 + i));
            }, sync);
            await bench.MeasureAsync("newest play deleted (in window)", () => history.Remove(history.Snapshot()[0].Id), sync);
            await bench.MeasureAsync("delete + add in window (count-neutral)", () =>
            {
                history.Remove(history.Snapshot()[1].Id);
                history.AddMovie(70_000_010, "Replacement", 2026, now.AddMinutes(-5));
            }, sync);
            await bench.MeasureAsync("back-dated add, 2 years back", () => history.AddMovie(70_000_020, "Late", 2001, now.AddYears(-2)), sync);
            await bench.MeasureAsync("old play deleted, ~5 years back", () => history.Remove(OldPlay(history, now.AddYears(-5)).Id), sync);
            await bench.MeasureAsync("back-dated add + old delete in another month", () => MoveAcrossMonths(history, now), sync);
            await bench.MeasureAsync("...the same with a new play at the top (missed)", () =>
            {
                MoveAcrossMonths(history, now.AddYears(-1));
                history.AddMovie(70_000_040, "Top", 2026, now.AddMinutes(-1));
            }, sync);
            await bench.MeasureAsync("reconcile (7-day window), nothing changed", () => { }, (r, o) => r.ReconcileAsync(o, default));
            await bench.MeasureAsync("reconcile -Full", () => { }, (r, o) => r.ReconcileAsync(o with { Full = true }, default));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static SimPlay OldPlay(SimulatedHistory history, DateTimeOffset before) => history.Snapshot().First(p => p.WatchedAt < before && p.WatchedAt > DateTimeOffset.UnixEpoch);

    /// <summary>A play "moved" to another month below the window: deleted, and a play of it added three months earlier.</summary>
    private static void MoveAcrossMonths(SimulatedHistory history, DateTimeOffset around)
    {
        var victim = history.Snapshot().First(p => p.WatchedAt < around.AddYears(-3) && p.IsMovie);
        history.Remove(victim.Id);
        history.AddMovie(victim.Movie!, victim.WatchedAt.AddMonths(-3));
    }

    private sealed class Runs(TrackerSettings settings, TraktSimulator simulator)
    {
        public async Task MeasureAsync(string kind, Action change, Func<TrackerRuntime, RunOptions, Task<SyncOutcome>> run)
        {
            change();
            // Activity times are whole seconds: a run in the second of the change could not keep its baseline.
            await simulator.History.WaitPastLastChangeAsync();
            using var runtime = TrackerRuntime.Open(settings, SilentReporter.Instance);
            var outcome = await run(runtime, new RunOptions());
            var s = outcome.Summary;
            var level = StoredIds().SetEquals(simulator.History.Snapshot().Select(p => p.Id));
            Console.WriteLine(
                $"  {kind,-50} {s.ApiCalls,5} call(s)  +{s.Inserted} -{s.Deleted}  ranges {s.RangesDiffed}" +
                $"{(s.RanFullReconcile ? ", whole history" : "")}  store {(level ? "level" : "NOT level")}");
        }

        private HashSet<long> StoredIds()
        {
            using var store = StateStore.Open(settings.StateDbPath);
            return store.GetIdsInRange(null, null);
        }
    }
}
