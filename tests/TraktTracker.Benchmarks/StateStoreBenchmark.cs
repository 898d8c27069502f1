using System.Diagnostics;
using TraktTracker.State;

namespace TraktTracker.Benchmarks;

/// <summary>A 100,000-play backfill as the sync engine stores it: 400 pages of 250, one ApplyChanges each.</summary>
public sealed class StateStoreBenchmark : IBenchmark
{
    internal const int Pages = 400;
    internal const int PageSize = 250;

    public string Name => "state-store";

    public string Description => "100k plays into SQLite in 400 ApplyChanges pages, then reads";

    public Task RunAsync(string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trakttracker-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = StateStore.Open(Path.Combine(folder, "state.db"));
            var pages = Enumerable.Range(0, Pages).Select(BuildPage).ToList();

            var write = Stopwatch.StartNew();
            var dirty = pages.Sum(page => store.ApplyChanges(new ChangeSet { Inserts = page }, DayKey).DirtyDays.Count);
            write.Stop();
            Console.WriteLine($"ApplyChanges: {Pages * PageSize:N0} plays in {Pages} pages: {write.Elapsed.TotalSeconds:0.00} s " +
                              $"({dirty:N0} dirty-day marks, {store.GetDirtyDays().Count:N0} distinct days)");

            var read = Stopwatch.StartNew();
            var count = store.QueryPlays(new HistoryFilter()).Count(p => p.IsRewatch);
            Console.WriteLine($"QueryPlays: all plays streamed in {read.Elapsed.TotalSeconds:0.00} s ({count:N0} rewatches)");

            read.Restart();
            var ids = store.GetIdsInRange(null, null).Count;
            Console.WriteLine($"GetIdsInRange(all): {ids:N0} ids in {read.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Newest first like Trakt pages; ~20 % rewatches of 2,000 movies, the rest distinct episodes.</summary>
    internal static List<WatchEvent> BuildPage(int page)
    {
        var start = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, PageSize).Select(i =>
        {
            long n = (long)page * PageSize + i;
            var at = start.AddMinutes(-97 * n);
            return n % 5 == 0
                ? new WatchEvent { HistoryId = 1_000_000_000 - n, WatchedAt = at, Type = MediaType.Movie, Title = "M", TraktId = n % 2000 + 1 }
                : new WatchEvent
                {
                    HistoryId = 1_000_000_000 - n, WatchedAt = at, Type = MediaType.Episode, Title = "E", TraktId = 100_000 + n,
                    ShowTitle = "Show", ShowTraktId = n % 300, Season = 1, Episode = (int)(n % 20),
                };
        }).ToList();
    }

    private static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");
}
