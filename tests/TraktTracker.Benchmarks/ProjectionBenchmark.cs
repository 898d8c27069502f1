using System.Diagnostics;
using System.Text;
using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Benchmarks;

/// <summary>
/// 100,000 plays (ten years, ~27 a day) projected from a state store into a real influxd 1.6.7: wall time,
/// points per second and peak working set; then the same line protocol posted with curl in batches of 5000, for
/// the rate the server itself sustains. Target: the projector at least half curl's rate. Args: [plays].
/// </summary>
public sealed class ProjectionBenchmark : IBenchmark
{
    private const int CurlBatchLines = 5000;
    private static readonly DateTimeOffset Newest = new(2026, 9, 20, 18, 0, 0, TimeSpan.Zero);

    public string Name => "projection";

    public string Description => "100k plays projected into a real influxd 1.6.7, beside curl posting the same lines (5000 a batch)";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var folder = Directory.CreateTempSubdirectory("trakttracker-projection-bench-").FullName;
        var server = new InfluxDbServer();
        await server.InitializeAsync();
        try
        {
            using var store = StateStore.Open(Path.Combine(folder, "state.db"));
            var calendar = new ProjectionCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
            Seed(store, calendar, count);
            var batches = WriteCurlBatches(store, calendar, folder);

            var projectorRate = await ProjectAsync(server, store, calendar);
            var curlRate = await PostWithCurlAsync(server, batches);
            Console.WriteLine($"projector / curl: {projectorRate / curlRate:P0} of curl's rate (target: at least 50 %)");
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> ProjectAsync(InfluxDbServer server, StateStore store, ProjectionCalendar calendar)
    {
        var database = await server.CreateDatabaseAsync();
        using var writer = new InfluxV1Writer(server.Url);
        var projector = new InfluxProjector(writer, calendar, database, database);
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes();
        using var memory = new PeakWorkingSet();
        var clock = Stopwatch.StartNew();
        var result = await projector.ProjectAsync(store, CancellationToken.None);
        clock.Stop();
        var points = result.RawPoints + result.AggregatePoints;
        var rate = points / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"projector: {result.RawPoints:N0} watch_event + {result.AggregatePoints:N0} watch_daily points ({result.DaysProjected:N0} days) " +
                          $"in {clock.Elapsed.TotalSeconds:0.00} s = {rate:N0} points/s; peak working set {memory.PeakMiB:N0} MiB " +
                          $"(before: {memory.StartMiB:N0} MiB), {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:N0} MiB allocated");
        return rate;
    }

    private static async Task<double> PostWithCurlAsync(InfluxDbServer server, IReadOnlyList<(string File, int Lines)> batches)
    {
        var database = await server.CreateDatabaseAsync();
        var url = new Uri(server.Url, $"write?db={database}&precision=ns");
        var clock = Stopwatch.StartNew();
        foreach (var (file, _) in batches)
        {
            await CurlAsync(url, file);
        }

        clock.Stop();
        var lines = batches.Sum(b => b.Lines);
        var rate = lines / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"curl:      {lines:N0} lines in {batches.Count} POSTs of <= {CurlBatchLines} lines in {clock.Elapsed.TotalSeconds:0.00} s = {rate:N0} points/s (uncompressed)");
        return rate;
    }

    private static async Task CurlAsync(Uri url, string file)
    {
        var curl = Process.Start(new ProcessStartInfo("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: text/plain; charset=utf-8",
            "--data-binary", "@" + file, url.ToString()])
        {
            RedirectStandardOutput = true,
        })!;
        var status = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        if (status != "204")
        {
            throw new InvalidOperationException($"curl got HTTP {status} posting {file}");
        }
    }

    /// <summary>The lines the projector writes (a watch_event line per play, three watch_daily lines per day), in files of 5000.</summary>
    private static List<(string File, int Lines)> WriteCurlBatches(StateStore store, ProjectionCalendar calendar, string folder)
    {
        var points = store.GetDirtyDays().Where(d => d != ProjectionCalendar.UnknownDateKey).SelectMany(day =>
        {
            var range = calendar.DayRangeUtc(day);
            var plays = store.GetStoredPlaysInRange(range.Start, range.End);
            return plays.Select(p => ProjectionSchema.EventPoint(p.Play, p.IngestedAt)).Concat(ProjectionSchema.DailyPoints(range.Start, plays.Select(p => p.Play)));
        });
        return points.Chunk(CurlBatchLines).Select((chunk, i) =>
        {
            var file = Path.Combine(folder, $"batch-{i:D3}.lp");
            File.WriteAllText(file, LineProtocol.Serialize(chunk), new UTF8Encoding(false));
            return (file, chunk.Length);
        }).ToList();
    }

    /// <summary>Plays every ~53 minutes going back from <see cref="Newest"/>: a third movies (often rewatched), the rest episodes of 400 shows.</summary>
    private static void Seed(StateStore store, ProjectionCalendar calendar, int count)
    {
        foreach (var page in Enumerable.Range(0, count).Select(Play).Chunk(250))
        {
            store.ApplyChanges(new ChangeSet { Inserts = page }, calendar.OutboxKey);
        }
    }

    private static WatchEvent Play(int n)
    {
        var play = new WatchEvent
        {
            HistoryId = 5_100_000_000 - n,
            WatchedAt = Newest.AddMinutes(-53 * n - n % 7),
            Action = (n % 3) switch { 0 => "scrobble", 1 => "checkin", _ => "watch" },
        };
        return n % 3 == 0
            ? play with { Type = MediaType.Movie, TraktId = 1 + n % 3000, Title = $"A Movie Title, Part {n % 3000}", Year = 1980 + n % 45, RuntimeMinutes = 90 + n % 60 }
            : play with
            {
                Type = MediaType.Episode, TraktId = 1_000_000 + n, Title = $"Episode Title {n % 24}", Year = 2000 + n % 25, RuntimeMinutes = 22 + n % 40,
                ShowTitle = $"Some \"Show\" {n % 400}", ShowTraktId = 10_000 + n % 400, Season = 1 + n % 9, Episode = 1 + n % 24,
            };
    }

    /// <summary>Samples the working set every few milliseconds; the peak is what the projection needed at most.</summary>
    private sealed class PeakWorkingSet : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task sampling;
        private long peak;

        public PeakWorkingSet()
        {
            StartMiB = Environment.WorkingSet / 1048576.0;
            sampling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Environment.WorkingSet);
                    await Task.Delay(5);
                }
            });
        }

        public double StartMiB { get; }

        public double PeakMiB => Math.Max(peak, Environment.WorkingSet) / 1048576.0;

        public void Dispose()
        {
            stop.Cancel();
            sampling.Wait();
            stop.Dispose();
        }
    }
}
