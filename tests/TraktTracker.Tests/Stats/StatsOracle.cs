using System.Globalization;
using Microsoft.Data.Sqlite;
using TraktTracker.Stats;

namespace TraktTracker.Tests.Stats;

/// <summary>
/// The figures recomputed straight from the state file in SQL, sharing no code with the engine: Europe/Berlin's
/// offset from the EU rule (summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC),
/// ISO weeks from the week's Thursday, rewatches from the order of each title's plays, sittings with window functions.
/// </summary>
internal sealed class StatsOracle : IDisposable
{
    /// <summary>Plays with their local time (NULL for the epoch) and a freshly derived rewatch flag, limited to $year.</summary>
    private static readonly string Local = $"""
        WITH {Zoned("plays")},
        r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY title_key ORDER BY watched_at, history_id) > 1 AS rewatch FROM l),
        p AS (SELECT * FROM r WHERE $year IS NULL OR strftime('%Y', local) = $year)
        """;

    private const string Thursday = "date(local, '-' || ((CAST(strftime('%w', local) AS INTEGER) + 6) % 7) || ' days', '+3 days')";

    private static readonly string IsoWeek = $"strftime('%Y', {Thursday}) || printf('-W%02d', (CAST(strftime('%j', {Thursday}) AS INTEGER) - 1) / 7 + 1)";

    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private readonly SqliteConnection connection;
    private readonly string? year;

    public StatsOracle(string dbPath, int? year = null)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        this.year = year?.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => connection.Dispose();

    /// <summary>Rows as Get-TraktStats should give them, keyed and labelled independently.</summary>
    public List<StatsRow> Rows(StatsGrouping by)
    {
        var (key, label, where, order) = by switch
        {
            StatsGrouping.Year => ("strftime('%Y', local)", "strftime('%Y', local)", "", "k"),
            StatsGrouping.Month => ("strftime('%Y-%m', local)", "strftime('%Y-%m', local)", "", "k"),
            StatsGrouping.Week => (IsoWeek, IsoWeek, "", "k"),
            StatsGrouping.Day => ("date(local)", "date(local)", "", "k"),
            StatsGrouping.Weekday => ("(CAST(strftime('%w', local) AS INTEGER) + 6) % 7", "strftime('%w', local)", "", "k"),
            StatsGrouping.Hour => ("strftime('%H', local)", "strftime('%H', local)", "", "k"),
            StatsGrouping.Show => ("show_trakt_id", "(SELECT show_title FROM p AS newest WHERE newest.show_trakt_id = p.show_trakt_id ORDER BY watched_at DESC, history_id DESC LIMIT 1)", "WHERE type = 'episode'", "plays DESC, minutes DESC, label"),
            StatsGrouping.Title => ("title_key", "(CASE WHEN type = 'movie' THEN title || coalesce(' (' || year || ')', '') ELSE show_title || printf(' S%02dE%02d', season, episode) || CASE WHEN title = '' THEN '' ELSE ' ' || title END END)", "", "plays DESC, minutes DESC, label"),
            _ => ("type", "type", "", "k DESC"),
        };
        var periods = by is not (StatsGrouping.Show or StatsGrouping.Title or StatsGrouping.Type);
        var sql = $"""
            {Local}
            SELECT {key} AS k, {label} AS label, count(*) AS plays, sum(coalesce(runtime_minutes, 0)) AS minutes,
                   count(DISTINCT title_key), sum(NOT rewatch), sum(rewatch), sum(type = 'movie'), sum(type = 'episode'),
                   min(CASE WHEN unix <> 0 THEN watched_at END), max(CASE WHEN unix <> 0 THEN watched_at END), min(type)
            FROM p {where} GROUP BY k ORDER BY (k IS NULL), {order}
            """;
        return Query(sql, r =>
        {
            var unknown = periods && r.IsDBNull(0);
            var group = unknown ? WatchStats.UnknownDateGroup : r.GetString(1);
            return new StatsRow
            {
                By = by,
                Group = by == StatsGrouping.Weekday && !unknown ? Weekdays[int.Parse(group, CultureInfo.InvariantCulture)]
                    : by == StatsGrouping.Type ? (group == "movie" ? "Movie" : "Episode") : group,
                UnknownDate = unknown,
                Type = periods ? null : r.GetString(11) == "movie" ? MediaType.Movie : MediaType.Episode,
                Plays = r.GetInt32(2),
                Minutes = r.GetInt64(3),
                DistinctTitles = r.GetInt32(4),
                FirstWatches = r.GetInt32(5),
                Rewatches = r.GetInt32(6),
                Movies = r.GetInt32(7),
                Episodes = r.GetInt32(8),
                FirstPlay = r.IsDBNull(9) ? null : Instant(r.GetInt64(9)),
                LastPlay = r.IsDBNull(10) ? null : Instant(r.GetInt64(10)),
            };
        });
    }

    public StatsSummary Summary(string timeZone)
    {
        var totals = Query($"""
            {Local}
            SELECT count(*), sum(type = 'movie'), sum(type = 'episode'), coalesce(sum(coalesce(runtime_minutes, 0)), 0),
                   count(DISTINCT CASE WHEN type = 'movie' THEN title_key END), count(DISTINCT show_trakt_id),
                   count(DISTINCT CASE WHEN type = 'episode' THEN title_key END), coalesce(sum(NOT rewatch), 0), coalesce(sum(rewatch), 0),
                   coalesce(sum(unix = 0), 0), min(CASE WHEN unix <> 0 THEN watched_at END), max(CASE WHEN unix <> 0 THEN watched_at END),
                   count(DISTINCT date(local))
            FROM p
            """, r => Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? (long?)null : r.GetInt64(i)).ToArray()).Single();
        int Count(int i) => (int)(totals[i] ?? 0);
        var streak = Query($"""
            {Local},
            d AS (SELECT DISTINCT CAST(julianday(date(local)) + 0.5 AS INTEGER) AS jd FROM p WHERE local IS NOT NULL),
            g AS (SELECT jd, jd - ROW_NUMBER() OVER (ORDER BY jd) AS island FROM d)
            SELECT count(*), date(min(jd)), date(max(jd)) FROM g GROUP BY island ORDER BY count(*) DESC, min(jd) LIMIT 1
            """, r => (Days: r.GetInt32(0), First: r.GetString(1), Last: r.GetString(2))).SingleOrDefault();
        var busiest = Query($"""
            {Local}
            SELECT date(local), count(*) FROM p WHERE local IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1
            """, r => (Day: r.GetString(0), Plays: r.GetInt32(1))).SingleOrDefault();
        var binge = Query($"""
            {Local},
            o AS (SELECT *, LAG(type) OVER w AS prev_type, LAG(show_trakt_id) OVER w AS prev_show, LAG(watched_at) OVER w AS prev_at
                  FROM p WHERE local IS NOT NULL WINDOW w AS (ORDER BY watched_at, history_id)),
            s AS (SELECT *, sum(CASE WHEN type = 'episode' AND prev_type = 'episode' AND prev_show = show_trakt_id
                                          AND watched_at - prev_at <= {WatchStats.SittingGap.Ticks} THEN 0 ELSE 1 END)
                              OVER (ORDER BY watched_at, history_id) AS sitting
                  FROM o)
            SELECT count(*), min(watched_at), max(watched_at),
                   (SELECT show_title FROM s AS newest WHERE newest.sitting = s.sitting ORDER BY watched_at DESC, history_id DESC LIMIT 1)
            FROM s WHERE type = 'episode' GROUP BY sitting ORDER BY count(*) DESC, min(watched_at) LIMIT 1
            """, r => (Plays: r.GetInt32(0), First: Instant(r.GetInt64(1)), Last: Instant(r.GetInt64(2)), Show: r.GetString(3))).ToList();
        return new StatsSummary
        {
            Plays = Count(0),
            Movies = Count(1),
            Episodes = Count(2),
            Minutes = totals[3] ?? 0,
            DistinctMovies = Count(4),
            DistinctShows = Count(5),
            DistinctEpisodes = Count(6),
            FirstWatches = Count(7),
            Rewatches = Count(8),
            UnknownDatePlays = Count(9),
            FirstPlay = totals[10] is { } first ? Instant(first) : null,
            LastPlay = totals[11] is { } last ? Instant(last) : null,
            DaysWatched = Count(12),
            LongestStreakDays = streak.Days,
            LongestStreakFirstDay = streak.First,
            LongestStreakLastDay = streak.Last,
            BusiestDay = busiest.Day,
            BusiestDayPlays = busiest.Plays,
            LongestBingePlays = binge.Count == 0 ? 0 : binge[0].Plays,
            LongestBingeShow = binge.Count == 0 ? null : binge[0].Show,
            LongestBingeFirstPlay = binge.Count == 0 ? null : binge[0].First,
            LongestBingeLastPlay = binge.Count == 0 ? null : binge[0].Last,
            TimeZone = timeZone,
            Year = year is null ? null : int.Parse(year, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Plays per local weekday (0 = Monday) and hour.</summary>
    public int[,] WeekdayHour()
    {
        var matrix = new int[7, 24];
        foreach (var (weekday, hour, plays) in Query($"""
            {Local}
            SELECT (CAST(strftime('%w', local) AS INTEGER) + 6) % 7, CAST(strftime('%H', local) AS INTEGER), count(*)
            FROM p WHERE local IS NOT NULL GROUP BY 1, 2
            """, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))))
        {
            matrix[weekday, hour] = plays;
        }

        return matrix;
    }

    /// <summary>A UTC instant as Europe/Berlin wall-clock text, by the same EU rule, for the report's dates.</summary>
    public string LocalText(DateTimeOffset instant)
        => Query($"WITH x AS (SELECT {instant.UtcTicks} AS watched_at), {Zoned("x")} SELECT strftime('%Y-%m-%d %H:%M', local) FROM l", r => r.GetString(0)).Single();

    /// <summary>CTEs u, z, l over <paramref name="source"/> (a table with watched_at in UTC ticks): l adds unix and local.</summary>
    private static string Zoned(string source) => $"""
        u AS (SELECT *, (watched_at - 621355968000000000) / 10000000 AS unix FROM {source}),
        z AS (SELECT *, CAST(strftime('%s', date(strftime('%Y', unix, 'unixepoch') || '-03-31', '-6 days', 'weekday 0') || ' 01:00:00') AS INTEGER) AS dst_on,
                        CAST(strftime('%s', date(strftime('%Y', unix, 'unixepoch') || '-10-31', '-6 days', 'weekday 0') || ' 01:00:00') AS INTEGER) AS dst_off
              FROM u),
        l AS (SELECT *, CASE WHEN unix = 0 THEN NULL
                             ELSE datetime(unix, 'unixepoch', CASE WHEN unix >= dst_on AND unix < dst_off THEN '+2 hours' ELSE '+1 hours' END) END AS local
              FROM z)
        """;

    private static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$year", (object?)year ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
