using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// The oracle for InfluxDB: what watch_event and watch_daily must hold for a history, computed here
/// independently of the projector (product.md §6), and compared with what the real server returns.
/// </summary>
internal static class ExpectedProjection
{
    private static readonly string[] DailyFields =
        ["events_count", "unique_titles_count", "watch_minutes_total", "rewatch_events_count", "first_watch_events_count"];

    public static async Task AssertMatchesAsync(InfluxDbServer server, string rawDb, string aggDb, IReadOnlyList<WatchEvent> plays, TimeZoneInfo zone)
    {
        var events = await server.QueryAsync(rawDb, "SELECT history_id, is_rewatch FROM watch_event");
        Assert.Equal(plays.Count, events.Count);
        var rewatchById = events.ToDictionary(r => r.Long("history_id")!.Value, r => r.Tag("is_rewatch"));
        Assert.All(plays, p => Assert.Equal(p.IsRewatch ? "true" : "false", rewatchById[p.HistoryId]));

        var expected = Daily(plays, zone);
        var actual = (await server.QueryAsync(aggDb, "SELECT * FROM watch_daily GROUP BY media_type"))
            .Where(r => r.Long("events_count") > 0)
            .ToDictionary(r => (r.Time, r.Tag("media_type")!), r => DailyFields.Select(f => r.Long(f)!.Value).ToArray());
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, values) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var got), $"no watch_daily point for {key}");
            Assert.Equal(values, got);
        }
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
}
