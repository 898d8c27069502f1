using System.Globalization;

namespace TraktTracker.Simulator;

/// <summary>Trakt's date format: UTC ISO-8601 with milliseconds, e.g. <c>2014-09-01T09:10:11.000Z</c>.</summary>
public static class TraktTime
{
    /// <summary>What <c>"watched_at": "unknown"</c> becomes.</summary>
    public static readonly DateTimeOffset UnknownDate = DateTimeOffset.UnixEpoch;

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Cuts below-millisecond precision, which Trakt never sends.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>Cuts below-second precision, as Trakt's <c>last_activities</c> values are.</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>
    /// Parses a <c>start_at</c>/<c>end_at</c> bound: a full ISO datetime, or a bare <c>YYYY-MM-DD</c>, which as
    /// an upper bound covers that whole day (bounds are inclusive).
    /// </summary>
    public static bool TryParseBound(string text, bool isUpperBound, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            var start = new DateTimeOffset(day, TimeSpan.Zero);
            value = isUpperBound ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
