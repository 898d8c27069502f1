using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// The oracle for InfluxDB: what watch_event and watch_daily must hold for a history, computed here
/// independently of the projector, and compared with what the real server returns.
/// </summary>
internal static class ExpectedProjection
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private static readonly string[] DailyFields =
        ["events_count", "unique_titles_count", "watch_minutes_total", "rewatch_events_count", "first_watch_events_count"];

    public static async Task AssertMatchesAsync(InfluxDbServer server, string rawDb, string aggDb, IReadOnlyList<WatchEvent> plays, TimeZoneInfo zone)
    {
        await AssertRawMatchesAsync(server, rawDb, plays);
        await AssertDailyMatchesAsync(server, aggDb, plays, zone);
    }

    /// <summary>One point per play, at its own timestamp, with every tag and field it should carry, and nothing else.</summary>
    public static async Task AssertRawMatchesAsync(InfluxDbServer server, string rawDb, IReadOnlyList<WatchEvent> plays)
    {
        var rows = await server.QueryAsync(rawDb, "SELECT * FROM watch_event");
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r.String("ingested_at")));
        var expected = plays.Select(Point).OrderBy(p => p.HistoryId).ToList();
        var actual = rows.Select(Point).OrderBy(p => p.HistoryId).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// Every day with plays has its exact five numbers for all, movie and episode; every other stored day (its
    /// plays were deleted or moved) holds zeros, never a stale value.
    /// </summary>
    public static async Task AssertDailyMatchesAsync(InfluxDbServer server, string aggDb, IReadOnlyList<WatchEvent> plays, TimeZoneInfo zone)
    {
        var expected = Daily(plays, zone);
        var actual = (await server.QueryAsync(aggDb, "SELECT * FROM watch_daily GROUP BY media_type"))
            .ToDictionary(r => (r.Time, r.Tag("media_type")!), r => DailyFields.Select(f => r.Long(f)!.Value).ToArray());
        foreach (var (key, values) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var got), $"no watch_daily point for {key}");
            Assert.Equal(values, got);
        }

        Assert.All(actual.Where(a => !expected.ContainsKey(a.Key)), a => Assert.Equal(new long[DailyFields.Length], a.Value));
    }

    /// <summary>(day start in UTC nanoseconds, media_type) → the five daily fields, for days that have plays.</summary>
    public static Dictionary<(long, string), long[]> Daily(IEnumerable<WatchEvent> plays, TimeZoneInfo zone)
    {
        var dated = plays.Where(p => !p.HasUnknownDate()).ToList();
        var byDay = dated.GroupBy(p => TimeZoneInfo.ConvertTime(p.WatchedAt, zone).Date);
        var result = new Dictionary<(long, string), long[]>();
        foreach (var day in byDay)
        {
            var startNs = (TimeZoneInfo.ConvertTimeToUtc(day.Key, zone) - DateTime.UnixEpoch).Ticks * 100;
            Add(result, startNs, "all", day.ToList());
            Add(result, startNs, "movie", day.Where(p => p.Type == MediaType.Movie).ToList());
            Add(result, startNs, "episode", day.Where(p => p.Type == MediaType.Episode).ToList());
        }

        return result;
    }

    private static void Add(Dictionary<(long, string), long[]> result, long startNs, string mediaType, List<WatchEvent> plays)
    {
        if (plays.Count == 0)
        {
            return;
        }

        var rewatches = plays.Count(p => p.IsRewatch);
        result[(startNs, mediaType)] =
        [
            plays.Count,
            plays.Select(p => p.TitleKey()).Distinct().Count(),
            plays.Sum(p => (long)(p.RuntimeMinutes ?? 0)),
            rewatches,
            plays.Count - rewatches,
        ];
    }

    /// <summary>
    /// A play as a watch_event point: the second of watched_at plus history_id mod 10^9 nanoseconds; episode
    /// fields only for episodes; absent numbers stay null.
    /// </summary>
    private static RawPoint Point(WatchEvent play)
    {
        var seconds = (play.WatchedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
        var isEpisode = play.Type == MediaType.Episode;
        return new RawPoint(
            seconds * NanosecondsPerSecond + play.HistoryId % NanosecondsPerSecond,
            isEpisode ? "episode" : "movie", "trakt", play.IsRewatch ? "true" : "false", play.Action,
            play.HistoryId, play.TraktId > 0 ? play.TraktId : null, play.Title, play.RuntimeMinutes, play.Year,
            isEpisode ? play.ShowTraktId : null, isEpisode ? play.Season : null, isEpisode ? play.Episode : null,
            isEpisode ? play.ShowTitle : null);
    }

    private static RawPoint Point(InfluxRow row) => new(
        row.Time, row.Tag("media_type"), row.Tag("source"), row.Tag("is_rewatch"), row.Tag("action"),
        row.Long("history_id")!.Value, row.Long("trakt_id"), row.String("title"), row.Long("runtime_min"), row.Long("year"),
        row.Long("show_trakt_id"), row.Long("season_number"), row.Long("episode_number"), row.String("show_title"));

    private sealed record RawPoint(
        long Time, string? MediaType, string? Source, string? IsRewatch, string? Action,
        long HistoryId, long? TraktId, string? Title, long? RuntimeMin, long? Year,
        long? ShowTraktId, long? SeasonNumber, long? EpisodeNumber, string? ShowTitle);
}
