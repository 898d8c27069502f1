using System.Diagnostics;
using System.Globalization;
using TraktTracker.Config;
using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Trakt;

namespace TraktTracker.Benchmarks;

/// <summary>
/// The main job against the simulator: a complete backfill with 150 ms per request, then an incremental sync.
/// Prints calls, wall time, 429s and peak working set (issue targets: ceil(N/250) + ≤3 calls; 20k plays &lt; 5 s
/// for the whole process; 100k with no 429 and &lt; 200 MB).
/// </summary>
public sealed class BackfillBenchmark : IBenchmark
{
    public string Name => "backfill";

    public string Description => "backfill + sync against the simulator (150 ms/request): [plays...] default 20000 100000";

    public async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [20_000, 100_000];
        Console.WriteLine("Reference: the Python tool needs 32 s and 202 calls for 20,000 plays at 150 ms (100 per page, one by one).");
        foreach (var plays in sizes)
        {
            await RunOnceAsync(plays);
        }

        Console.WriteLine($"Process: {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds:F2} s since start, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
    }

    private static async Task RunOnceAsync(int plays)
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(150) });
        simulator.History.SeedRandom(plays, seed: 42);
        var dir = Directory.CreateTempSubdirectory("tt-bench-");
        try
        {
            var settings = Settings(simulator, Path.Combine(dir.FullName, "state.db"));
            SeedTokens(simulator, settings.StateDbPath);
            simulator.Requests.Reset();

            var clock = Stopwatch.StartNew();
            using var runtime = TrackerRuntime.Open(settings, SilentReporter.Instance);
            var backfill = await runtime.BackfillAsync(new RunOptions(), CancellationToken.None);
            var backfillTime = clock.Elapsed;
            var sync = await runtime.SyncAsync(new RunOptions(), CancellationToken.None);

            Report(plays, simulator, backfill.Summary, backfillTime, sync.Summary, runtime.Store.CountPlays());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Report(int plays, TraktSimulator simulator, SyncSummary backfill, TimeSpan wall, SyncSummary sync, int stored)
    {
        var historyCalls = simulator.Requests.Count("/sync/history");
        var throttled = simulator.Requests.All.Count(r => r.Status == 429);
        Console.WriteLine(
            $"{plays,7:N0} plays: backfill {wall.TotalSeconds,6:F2} s, {backfill.ApiCalls} calls ({historyCalls} history, ceil(N/250) = {(plays + 249) / 250}), " +
            $"{throttled} × 429, stored {stored:N0}, inserted {backfill.Inserted:N0}, dead letters {backfill.ParseErrors}; " +
            $"sync after it: {sync.ApiCalls} call(s), skipped = {sync.Skipped}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
    }

    private static TrackerSettings Settings(TraktSimulator simulator, string stateDb) => new()
    {
        TraktApiUrl = simulator.BaseUrl,
        TraktAuthUrl = simulator.BaseUrl,
        TraktClientId = simulator.Options.ClientId,
        TraktClientSecret = simulator.Options.ClientSecret,
        StateDbPath = stateDb,
    };

    private static void SeedTokens(TraktSimulator simulator, string stateDb)
    {
        var (access, refresh) = simulator.Auth.IssueTokens();
        using var store = StateStore.Open(stateDb);
        store.SaveTokens(new StoredTokens(access, refresh, DateTimeOffset.UtcNow.AddDays(7), "public"));
    }
}
