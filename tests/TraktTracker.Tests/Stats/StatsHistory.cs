using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Stats;

/// <summary>
/// A real state store with a history made to trip stats up, in Europe/Berlin: plays on both sides of the 2024
/// DST changes (a sitting across the spring-forward hour, a same-second batch in the repeated autumn hour),
/// unknown-date plays (one of them the first watch of a title seen again later), deleted plays (one from inside
/// a binge, one the first watch of a rewatched title), names with markup, quotes, ampersands and unicode, plays
/// without a runtime, and ~1,500 seeded random plays from 2023 to mid-2025.
/// </summary>
public sealed class StatsHistory : IDisposable
{
    public const int ReviewYear = 2024;

    /// <summary>A show whose title would run a script if the report did not escape it.</summary>
    public const string ScriptShow = "<script>console.error('injected')</script>";

    public static readonly string[] ShowTitles =
        [ScriptShow, "Tom & Jerry", "\"Quoted\" 'Show'", "Café 日本 🎬", "Plain Show", "Another Show"];

    public static readonly string[] MovieTitles =
        ["<b>Bold</b> & 'Co'", "Amélie", "Ünïcödé 🎥 «quotes»", "Heat", "Alien", "Arrival", "Up", "Her"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "trakttracker-stats-" + Guid.NewGuid().ToString("N"));
    private long nextId = 5_000_000_000;

    public StatsHistory()
    {
        Settings = new TrackerSettings
        {
            StateDbPath = Path.Combine(folder, "state.db"),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        };
        using var store = StateStore.Open(Settings.StateDbPath);
        var calendar = new ProjectionCalendar(Settings.TimeZone);
        var random = new Random(20240331);
        var plays = new List<WatchEvent>();

        // Bulk: random movies and episodes, 2023-01-01 to 2025-06-30, at whole seconds.
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = (long)(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero) - start).TotalSeconds;
        for (var i = 0; i < 1500; i++)
        {
            var at = start.AddSeconds(random.NextInt64(span));
            plays.Add(random.Next(10) < 4
                ? Movie(random.Next(MovieTitles.Length), at, random.Next(8) == 0 ? null : 80 + random.Next(80))
                : Episode(random.Next(ShowTitles.Length - 1), 1 + random.Next(3), 1 + random.Next(12), at));
        }

        // Spring forward (2024-03-31 01:00Z, 02:00 local becomes 03:00): nine episodes 40 minutes apart across it.
        var binge = Enumerable.Range(0, 9)
            .Select(n => Episode(5, 2, n + 1, new DateTimeOffset(2024, 3, 30, 20, 0, 0, TimeSpan.Zero).AddMinutes(40 * n)))
            .ToList();
        plays.AddRange(binge);

        // Fall back (2024-10-27 01:00Z, 03:00 local becomes 02:00): eight episodes added at one second in the first
        // 02:30, one play in the second 02:30, and plays just before and after local midnight.
        plays.AddRange(Enumerable.Range(0, 8).Select(n => Episode(5, 3, n + 1, new DateTimeOffset(2024, 10, 27, 0, 30, 0, TimeSpan.Zero))));
        plays.Add(Movie(3, new DateTimeOffset(2024, 10, 27, 1, 30, 0, TimeSpan.Zero), 110));
        plays.Add(Movie(4, new DateTimeOffset(2024, 10, 26, 21, 59, 59, TimeSpan.Zero), 117));
        plays.Add(Movie(5, new DateTimeOffset(2024, 10, 26, 22, 0, 0, TimeSpan.Zero), 116));
        // New year in Berlin, still the old year in UTC; a month boundary in summer time.
        plays.Add(Movie(6, new DateTimeOffset(2023, 12, 31, 23, 30, 0, TimeSpan.Zero), 96));
        plays.Add(Movie(7, new DateTimeOffset(2024, 6, 30, 22, 0, 0, TimeSpan.Zero), 126));
        // An episode without its own title.
        plays.Add(Episode(1, 9, 9, new DateTimeOffset(2024, 5, 5, 19, 0, 0, TimeSpan.Zero)) with { Title = "" });

        // Unknown dates: the first watch of a movie watched again later, an episode, and a movie seen only then.
        plays.Add(Movie(1, DateTimeOffset.UnixEpoch, 122));
        plays.Add(Episode(0, 1, 1, DateTimeOffset.UnixEpoch));
        plays.Add(Movie(2, DateTimeOffset.UnixEpoch, null) with { TraktId = 999, Title = "Only Undated" });

        store.ApplyChanges(new ChangeSet { Inserts = plays }, calendar.OutboxKey);

        // Deletes: one play from inside the spring binge (which leaves 8, tying the same-second batch: the earlier
        // sitting must win), the earliest dated play of the first movie (its next play becomes the first watch), and 20 random.
        var firstOfMovie0 = plays.Where(p => p.Type == MediaType.Movie && p.TraktId == 1 && !p.HasUnknownDate()).MinBy(p => p.WatchedAt)!;
        var deletes = new List<long> { binge[4].HistoryId, firstOfMovie0.HistoryId };
        deletes.AddRange(plays.Take(1500).Where((_, i) => i % 75 == 3).Select(p => p.HistoryId));
        store.ApplyChanges(new ChangeSet { DeleteIds = deletes }, calendar.OutboxKey);
        DeletedIds = deletes;
    }

    public TrackerSettings Settings { get; }

    public string DbPath => Settings.StateDbPath;

    public IReadOnlyList<long> DeletedIds { get; }

    /// <summary>A folder for files made from this history (reports), removed with it.</summary>
    public string OutputFolder => Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;

    public TrackerRuntime Open() => TrackerRuntime.Open(Settings, SilentReporter.Instance, exclusive: false);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private WatchEvent Movie(int index, DateTimeOffset at, int? runtime) => new()
    {
        HistoryId = nextId++,
        WatchedAt = at,
        Type = MediaType.Movie,
        Title = MovieTitles[index],
        Year = 1990 + index,
        RuntimeMinutes = runtime,
        Action = "watch",
        TraktId = index + 1,
    };

    private WatchEvent Episode(int show, int season, int episode, DateTimeOffset at) => new()
    {
        HistoryId = nextId++,
        WatchedAt = at,
        Type = MediaType.Episode,
        Title = $"Episode {season}.{episode}",
        ShowTitle = ShowTitles[show],
        Season = season,
        Episode = episode,
        RuntimeMinutes = 20 + 5 * show,
        Action = "scrobble",
        TraktId = 100_000 * (show + 1) + 100 * season + episode,
        ShowTraktId = 1000 + show,
    };
}
