using System.Globalization;

namespace TraktTracker.Influx;

/// <summary>
/// Local days of the projection in TIMEZONE: which day a play belongs to, and which UTC instants a day covers
/// (23, 24 or 25 hours around DST changes).
/// </summary>
public sealed class ProjectionCalendar
{
    /// <summary>
    /// The outbox key of "unknown date" plays (Trakt's epoch). They are raw points but belong to no day,
    /// so they get this key instead of a date; it sorts after every "yyyy-MM-dd".
    /// </summary>
    public const string UnknownDateKey = "unknown-date";

    private const string DayFormat = "yyyy-MM-dd";

    public ProjectionCalendar(TimeZoneInfo timeZone)
    {
        TimeZone = timeZone;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The UTC range of the unknown-date plays' raw points: the first second of the epoch.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) UnknownDateRangeUtc { get; }
        = (DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1));

    /// <summary>The local day of <paramref name="watchedAt"/> as "yyyy-MM-dd", or null for an unknown-date (epoch) play.</summary>
    public string? DayKey(DateTimeOffset watchedAt)
        => LocalTime(watchedAt)?.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The wall-clock time in TIMEZONE of <paramref name="watchedAt"/>, or null for an unknown-date (epoch) play.</summary>
    public DateTime? LocalTime(DateTimeOffset watchedAt)
        => watchedAt == DateTimeOffset.UnixEpoch ? null : TimeZoneInfo.ConvertTime(watchedAt, TimeZone).DateTime;

    /// <summary>The key a play marks dirty in the outbox: its day, or <see cref="UnknownDateKey"/>.</summary>
    public string OutboxKey(DateTimeOffset watchedAt) => DayKey(watchedAt) ?? UnknownDateKey;

    /// <summary>The UTC instants [start, end) of local day <paramref name="dayKey"/> ("yyyy-MM-dd").</summary>
    public (DateTimeOffset Start, DateTimeOffset End) DayRangeUtc(string dayKey)
    {
        var day = ParseDay(dayKey);
        return (StartOfDayUtc(day), StartOfDayUtc(day.AddDays(1)));
    }

    public static DateOnly ParseDay(string dayKey)
        => DateOnly.TryParseExact(dayKey, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"'{dayKey}' is not a day key (yyyy-MM-dd).", nameof(dayKey));

    /// <summary>
    /// The first instant of the local day: local midnight, or when midnight is skipped by a DST gap the moment the
    /// gap ends; when midnight happens twice, the first one.
    /// </summary>
    private DateTimeOffset StartOfDayUtc(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(midnight))
        {
            // In a gap the clock jumps forward; the offset in force before the jump places the gap's end.
            var offsetBefore = TimeZone.GetUtcOffset(midnight.AddDays(-1));
            return new DateTimeOffset(midnight - offsetBefore, TimeSpan.Zero);
        }

        var offset = TimeZone.IsAmbiguousTime(midnight)
            ? TimeZone.GetAmbiguousTimeOffsets(midnight).Max()
            : TimeZone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight - offset, TimeSpan.Zero);
    }
}
