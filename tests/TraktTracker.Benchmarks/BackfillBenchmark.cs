using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TraktTracker.Config;
using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.TestSupport;
using TraktTracker.Trakt;

namespace TraktTracker.Benchmarks;

/// <summary>
/// The main job, timed as users run it: <c>trakt-tracker --once backfill</c> as its own process against the
/// simulator with 150 ms per request, then <c>--once incremental</c>. Prints calls, wall time of the whole
/// process, 429s and the process's peak resident memory. Issue targets: ceil(N/250) + ≤3 calls; 20k plays
/// &lt; 5 s; 100k with no 429 and &lt; 200 MB. Ends with <c>trakt-tracker --report</c> of the last history, kept
/// under out/reports for the reader to open.
/// </summary>
public sealed class BackfillBenchmark : IBenchmark
{
    /// <summary>The built trakt-tracker.dll, run as a child process.</summary>
    internal static readonly string CliDll = typeof(BackfillBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TraktTrackerCliDll").Value!;

    public string Name => "backfill";

    public string Description => "trakt-tracker --once backfill, then incremental, against the simulator (150 ms/request): [plays...] default 20000 100000";

    public async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [20_000, 100_000];
        Console.WriteLine("Reference: the Python tool needs 32 s and 202 calls for 20,000 plays at 150 ms (100 per page, one by one).");
        foreach (var plays in sizes)
        {
            await RunOnceAsync(plays);
        }
    }

    private static async Task RunOnceAsync(int plays)
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(150) });
        simulator.History.SeedRandom(plays, seed: 42);
        var dir = Directory.CreateTempSubdirectory("tt-bench-");
        try
        {
            var environment = Environment(simulator, Path.Combine(dir.FullName, "state.db"));
            SeedTokens(simulator, environment[SettingNames.StateDbPath]);
            simulator.Requests.Reset();

            var backfill = await ChildRun.RunAsync(CliDll, environment, "--once", "backfill");
            var calls = simulator.Requests.Total;
            var sync = await ChildRun.RunAsync(CliDll, environment, "--once", "incremental");
            Report(plays, simulator, backfill, calls, sync, StoredPlays(environment[SettingNames.StateDbPath]));
            await WriteReportAsync(plays, environment);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Report(int plays, TraktSimulator simulator, ChildRun backfill, int backfillCalls, ChildRun sync, int stored)
    {
        var historyCalls = simulator.Requests.Count("/sync/history");
        var throttled = simulator.Requests.All.Count(r => r.Status == 429);
        Console.WriteLine(
            $"{plays,7:N0} plays: backfill process {backfill.Wall.TotalSeconds,6:F2} s (exit {backfill.ExitCode}), {backfillCalls} calls " +
            $"({historyCalls} history, ceil(N/250) = {(plays + 249) / 250}), {throttled} x 429, peak RSS {backfill.PeakMegabytes:F0} MB, " +
            $"stored {stored:N0}; incremental after it: {sync.Wall.TotalSeconds:F2} s, {simulator.Requests.Total - backfillCalls} call(s), exit {sync.ExitCode}");
        if (backfill.ExitCode != 0)
        {
            Console.WriteLine(backfill.Output);
        }
    }

    /// <summary>The product's value in one file: the simulated history as the HTML report, with its last year in review.</summary>
    private static async Task WriteReportAsync(int plays, Dictionary<string, string> environment)
    {
        var path = Path.Combine(RepoRoot.Path, "out", "reports", $"history-{plays}.html");
        int lastYear;
        using (var store = StateStore.Open(environment[SettingNames.StateDbPath]))
        {
            lastYear = store.QueryPlays(new HistoryFilter()).First().WatchedAt.Year;
        }

        var report = await ChildRun.RunAsync(CliDll, environment, "--report", path, "--year", lastYear.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine(report.ExitCode == 0
            ? $"{plays,7:N0} plays: report with {lastYear} in review in {report.Wall.TotalSeconds:F2} s ({new FileInfo(path).Length / 1024:N0} KB), open it in a browser: {path}"
            : report.Output);
    }

    internal static Dictionary<string, string> Environment(TraktSimulator simulator, string stateDb) => new()
    {
        [SettingNames.TraktApiUrl] = simulator.BaseUrl.AbsoluteUri,
        [SettingNames.TraktAuthUrl] = simulator.BaseUrl.AbsoluteUri,
        [SettingNames.TraktClientId] = simulator.Options.ClientId,
        [SettingNames.TraktClientSecret] = simulator.Options.ClientSecret,
        [SettingNames.StateDbPath] = stateDb,
        [SettingNames.EnableInflux] = "false",
        [SettingNames.LogLevel] = "WARNING",
    };

    internal static void SeedTokens(TraktSimulator simulator, string stateDb)
    {
        var (access, refresh) = simulator.Auth.IssueTokens();
        using var store = StateStore.Open(stateDb);
        store.SaveTokens(new StoredTokens(access, refresh, DateTimeOffset.UtcNow.AddDays(7), "public"));
    }

    private static int StoredPlays(string stateDb)
    {
        using var store = StateStore.Open(stateDb);
        return store.CountPlays();
    }
}
