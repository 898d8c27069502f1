using TraktTracker.State;
using Xunit;

namespace TraktTracker.Tests.State;

/// <summary>A real state file in a fresh temp folder, removed afterwards.</summary>
internal sealed class TempStateFolder : IDisposable
{
    public TempStateFolder()
    {
        Folder = Path.Combine(Path.GetTempPath(), "trakttracker-state-" + Guid.NewGuid().ToString("N"));
        DbPath = Path.Combine(Folder, "nested", "state.db");
    }

    public string Folder { get; }

    /// <summary>Inside a folder that does not exist yet, so Open has to create it.</summary>
    public string DbPath { get; }

    public StateStore Open() => StateStore.Open(DbPath);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>Plays and day keys as the sync engine would hand them over.</summary>
internal static class Plays
{
    public static readonly DateTimeOffset Base = new(2026, 3, 29, 20, 15, 0, TimeSpan.Zero);

    public static WatchEvent Movie(long historyId, long traktId, DateTimeOffset watchedAt, int? runtime = 120, string? title = null) => new()
    {
        HistoryId = historyId,
        WatchedAt = watchedAt,
        Type = MediaType.Movie,
        Title = title ?? $"Movie {traktId}",
        Year = 2010,
        RuntimeMinutes = runtime,
        Action = "watch",
        TraktId = traktId,
        Slug = $"movie-{traktId}",
        ImdbId = $"tt{traktId:0000000}",
        TmdbId = traktId + 1000,
    };

    public static WatchEvent Episode(long historyId, long traktId, DateTimeOffset watchedAt, int season = 1, int episode = 1, int? runtime = 47) => new()
    {
        HistoryId = historyId,
        WatchedAt = watchedAt,
        Type = MediaType.Episode,
        Title = $"Episode {traktId}",
        Year = 2008,
        ShowTitle = "Breaking Bad",
        Season = season,
        Episode = episode,
        RuntimeMinutes = runtime,
        Action = "scrobble",
        TraktId = traktId,
        ShowTraktId = 1388,
        Slug = "breaking-bad",
        ImdbId = "tt0903747",
        TmdbId = 1396,
        TvdbId = 81189,
    };

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0)
        => new(year, month, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>UTC date, or "unknown" for Trakt's epoch plays: close to what the projector uses.</summary>
    public static string? DayKey(DateTimeOffset at)
        => at == DateTimeOffset.UnixEpoch ? "unknown" : at.UtcDateTime.ToString("yyyy-MM-dd");

    public static ChangeResult Insert(this StateStore store, params WatchEvent[] plays)
        => store.ApplyChanges(new ChangeSet { Inserts = plays }, DayKey);

    public static ChangeResult Delete(this StateStore store, params long[] ids)
        => store.ApplyChanges(new ChangeSet { DeleteIds = ids }, DayKey);

    /// <summary>Rewatch flags by history id, as stored.</summary>
    public static Dictionary<long, bool> Flags(this StateStore store)
        => store.QueryPlays(new HistoryFilter()).ToDictionary(p => p.HistoryId, p => p.IsRewatch);
}

/// <summary>A fact about Unix behaviour (file modes, flock): skipped on Windows.</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix only";
        }
    }
}
