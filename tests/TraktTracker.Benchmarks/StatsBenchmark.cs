using System.Diagnostics;
using TraktTracker.Config;
using TraktTracker.State;
using TraktTracker.Stats;
using TraktTracker.Sync;

namespace TraktTracker.Benchmarks;

/// <summary>
/// Get-TraktStats -Summary and the HTML report over 100,000 stored plays (the state-store benchmark's history,
/// 18 years). The summary runs in this process (time, managed memory); the report as <c>trakt-tracker --report</c>
/// in its own process (wall time, peak resident memory, file size). Issue targets: under 2 s and 2 MB.
/// </summary>
public sealed class StatsBenchmark : IBenchmark
{
    public string Name => "stats";

    public string Description => "Get-TraktStats -Summary and trakt-tracker --report --year over 100k stored plays";

    public async Task RunAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("trakttracker-bench-stats-");
        try
        {
            var settings = new TrackerSettings
            {
                StateDbPath = Path.Combine(folder.FullName, "state.db"),
                TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            };
            using (var store = StateStore.Open(settings.StateDbPath))
            {
                var calendar = new Influx.ProjectionCalendar(settings.TimeZone);
                for (var page = 0; page < StateStoreBenchmark.Pages; page++)
                {
                    store.ApplyChanges(new ChangeSet { Inserts = StateStoreBenchmark.BuildPage(page) }, calendar.OutboxKey);
                }
            }

            Summary(settings);
            await ReportAsync(settings, Path.Combine(folder.FullName, "report.html"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Summary(TrackerSettings settings)
    {
        using var runtime = TrackerRuntime.Open(settings, SilentReporter.Instance, exclusive: false);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var summary = runtime.ComputeStats(new StatsQuery()).Summary();
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0;
        Console.WriteLine($"Get-TraktStats -Summary (engine, in process): {summary.Plays:N0} plays in {clock.Elapsed.TotalSeconds:F2} s " +
                          $"({cpu.TotalSeconds:F2} s CPU); " +
                          $"{allocated:F0} MB allocated, managed heap {heap:F0} MB after it");
    }

    private static async Task ReportAsync(TrackerSettings settings, string path)
    {
        var environment = new Dictionary<string, string>
        {
            [SettingNames.StateDbPath] = settings.StateDbPath,
            [SettingNames.TimeZone] = settings.TimeZone.Id,
            [SettingNames.LogLevel] = "WARNING",
        };
        var run = await ChildRun.RunAsync(BackfillBenchmark.CliDll, environment, "--report", path, "--year", "2020");
        Console.WriteLine(run.ExitCode == 0
            ? $"trakt-tracker --report --year 2020 (own process): {run.Wall.TotalSeconds:F2} s wall, peak RSS {run.PeakMegabytes:F0} MB, " +
              $"report {new FileInfo(path).Length / 1024.0:F0} KB"
            : $"trakt-tracker --report failed (exit {run.ExitCode}): {run.Output}");
    }
}
