using Microsoft.Data.Sqlite;

namespace TraktTracker.State;

/// <summary>How a <see cref="WatchEvent"/> maps to a row of <c>plays</c>, in both directions.</summary>
internal static class PlayRows
{
    /// <summary>Every column a play is read from, in the order <see cref="Read"/> expects.</summary>
    internal const string Columns =
        "history_id, watched_at, type, title, year, show_title, season, episode, runtime_minutes, is_rewatch, " +
        "action, trakt_id, show_trakt_id, slug, imdb_id, tmdb_id, tvdb_id, ingested_at";

    internal const string InsertSql =
        "INSERT OR IGNORE INTO plays (history_id, watched_at, type, title, year, show_title, season, episode, " +
        "runtime_minutes, is_rewatch, action, trakt_id, show_trakt_id, slug, imdb_id, tmdb_id, tvdb_id, title_key, ingested_at) " +
        "VALUES ($history_id, $watched_at, $type, $title, $year, $show_title, $season, $episode, " +
        "$runtime_minutes, 0, $action, $trakt_id, $show_trakt_id, $slug, $imdb_id, $tmdb_id, $tvdb_id, $title_key, $ingested_at)";

    internal static readonly string[] InsertParameters =
    [
        "$history_id", "$watched_at", "$type", "$title", "$year", "$show_title", "$season", "$episode",
        "$runtime_minutes", "$action", "$trakt_id", "$show_trakt_id", "$slug", "$imdb_id", "$tmdb_id", "$tvdb_id",
        "$title_key", "$ingested_at",
    ];

    internal static void BindInsert(SqliteCommand command, WatchEvent play, long ingestedAtTicks)
    {
        var p = command.Parameters;
        p["$history_id"].Value = play.HistoryId;
        p["$watched_at"].Value = Instants.ToTicks(play.WatchedAt);
        p["$type"].Value = TypeName(play.Type);
        p["$title"].Value = play.Title ?? "";
        p["$year"].Value = DbValue(play.Year);
        p["$show_title"].Value = DbValue(play.ShowTitle);
        p["$season"].Value = DbValue(play.Season);
        p["$episode"].Value = DbValue(play.Episode);
        p["$runtime_minutes"].Value = DbValue(play.RuntimeMinutes);
        p["$action"].Value = play.Action ?? "watch";
        p["$trakt_id"].Value = play.TraktId;
        p["$show_trakt_id"].Value = DbValue(play.ShowTraktId);
        p["$slug"].Value = DbValue(play.Slug);
        p["$imdb_id"].Value = DbValue(play.ImdbId);
        p["$tmdb_id"].Value = DbValue(play.TmdbId);
        p["$tvdb_id"].Value = DbValue(play.TvdbId);
        p["$title_key"].Value = play.TitleKey();
        p["$ingested_at"].Value = ingestedAtTicks;
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>, starting at column 0.</summary>
    internal static StoredPlay Read(SqliteDataReader r)
    {
        var play = new WatchEvent
        {
            HistoryId = r.GetInt64(0),
            WatchedAt = Instants.FromTicks(r.GetInt64(1)),
            Type = ParseType(r.GetString(2)),
            Title = r.GetString(3),
            Year = IntOrNull(r, 4),
            ShowTitle = StringOrNull(r, 5),
            Season = IntOrNull(r, 6),
            Episode = IntOrNull(r, 7),
            RuntimeMinutes = IntOrNull(r, 8),
            IsRewatch = r.GetInt64(9) != 0,
            Action = r.GetString(10),
            TraktId = r.GetInt64(11),
            ShowTraktId = LongOrNull(r, 12),
            Slug = StringOrNull(r, 13),
            ImdbId = StringOrNull(r, 14),
            TmdbId = LongOrNull(r, 15),
            TvdbId = LongOrNull(r, 16),
        };
        return new StoredPlay(play, Instants.FromTicks(r.GetInt64(17)));
    }

    internal static string TypeName(string type) => type == MediaType.Movie ? "movie" : "episode";

    private static string ParseType(string name) => name == "movie" ? MediaType.Movie : MediaType.Episode;

    private static object DbValue<T>(T? value) => value is null ? DBNull.Value : value;

    private static int? IntOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static long? LongOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static string? StringOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

/// <summary>Instants are stored as UTC ticks: exact, and ordered like the instants themselves.</summary>
internal static class Instants
{
    internal static long ToTicks(DateTimeOffset instant) => instant.UtcTicks;

    internal static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
