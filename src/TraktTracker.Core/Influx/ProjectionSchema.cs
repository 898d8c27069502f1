using System.Globalization;

namespace TraktTracker.Influx;

/// <summary>
/// The shape of the projection: <c>watch_event</c> points in the raw bucket, <c>watch_daily</c>
/// points in the aggregate bucket. Dashboards and tests use these names.
/// </summary>
/// <remarks>
/// <c>ingested_at</c> is a string field holding the ISO 8601 UTC instant (<c>yyyy-MM-ddTHH:mm:ssZ</c>) the play was
/// written to InfluxDB; a string reads well in tables and keeps its meaning in every query language.
/// </remarks>
public static class ProjectionSchema
{
    public const string EventMeasurement = "watch_event";
    public const string DailyMeasurement = "watch_daily";

    /// <summary>Where Test-TraktInflux writes its probe point, so watch_event and watch_daily never see one.</summary>
    public const string ProbeMeasurement = "trakttracker_probe";

    public const string MediaTypeTag = "media_type";
    public const string SourceTag = "source";
    public const string IsRewatchTag = "is_rewatch";
    public const string ActionTag = "action";

    public const string Source = "trakt";
    public const string AllMediaTypes = "all";
    public const string Movie = "movie";
    public const string Episode = "episode";

    private const long NanosecondsPerSecond = 1_000_000_000L;

    public static string MediaTypeName(string type) => type == MediaType.Movie ? Movie : Episode;

    /// <summary>
    /// The raw point's timestamp: <c>watched_at</c> cut to the second plus <c>history_id mod 10^9</c> nanoseconds, so
    /// plays sharing a second and a tag set stay distinct points, and writing a play again replaces its own point.
    /// </summary>
    public static long EventTimestamp(WatchEvent play)
    {
        var seconds = Math.DivRem(LineProtocol.ToUnixNanoseconds(play.WatchedAt), NanosecondsPerSecond, out var rest) - (rest < 0 ? 1 : 0);
        return seconds * NanosecondsPerSecond + (Math.Abs(play.HistoryId) % NanosecondsPerSecond);
    }

    public static LinePoint EventPoint(WatchEvent play, DateTimeOffset ingestedAt)
    {
        var point = LinePoint.Measurement(EventMeasurement)
            .Tag(MediaTypeTag, MediaTypeName(play.Type))
            .Tag(SourceTag, Source)
            .Tag(IsRewatchTag, play.IsRewatch ? "true" : "false")
            .Tag(ActionTag, play.Action)
            .Field("history_id", play.HistoryId)
            .Field("title", play.Title)
            .Field("ingested_at", ingestedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Timestamp(EventTimestamp(play));
        // A play whose title left Trakt's catalogue has no trakt id: the field is left out rather than a fake 0.
        OptionalField(point, "trakt_id", play.HasUnknownTitle() ? null : play.TraktId);
        OptionalField(point, "runtime_min", play.RuntimeMinutes);
        OptionalField(point, "year", play.Year);
        if (play.Type == MediaType.Episode)
        {
            OptionalField(point, "show_trakt_id", play.ShowTraktId);
            OptionalField(point, "season_number", play.Season);
            OptionalField(point, "episode_number", play.Episode);
            point.Field("show_title", play.ShowTitle);
        }

        return point;
    }

    /// <summary>
    /// The three <c>watch_daily</c> points (all, movie, episode) of the day starting at <paramref name="dayStartUtc"/>.
    /// Unknown-date plays are left out; a day without plays gets zeros, so a stale value is always overwritten.
    /// </summary>
    public static IEnumerable<LinePoint> DailyPoints(DateTimeOffset dayStartUtc, IEnumerable<WatchEvent> playsOfDay)
    {
        var plays = playsOfDay.Where(p => !p.HasUnknownDate()).ToList();
        yield return DailyPoint(dayStartUtc, AllMediaTypes, plays);
        yield return DailyPoint(dayStartUtc, Movie, plays.Where(p => p.Type == MediaType.Movie).ToList());
        yield return DailyPoint(dayStartUtc, Episode, plays.Where(p => p.Type == MediaType.Episode).ToList());
    }

    private static LinePoint DailyPoint(DateTimeOffset dayStartUtc, string mediaType, IReadOnlyList<WatchEvent> plays)
    {
        var rewatches = plays.Count(p => p.IsRewatch);
        return LinePoint.Measurement(DailyMeasurement)
            .Tag(MediaTypeTag, mediaType)
            .Field("events_count", plays.Count)
            .Field("unique_titles_count", plays.Select(p => p.TitleKey()).Distinct(StringComparer.Ordinal).Count())
            .Field("watch_minutes_total", plays.Sum(p => (long)(p.RuntimeMinutes ?? 0)))
            .Field("rewatch_events_count", rewatches)
            .Field("first_watch_events_count", plays.Count - rewatches)
            .Timestamp(dayStartUtc);
    }

    private static void OptionalField(LinePoint point, string key, long? value)
    {
        if (value is { } v)
        {
            point.Field(key, v);
        }
    }
}
