using System.Globalization;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// A stretch of watch time, both ends inclusive (null = unbounded), asked of Trakt as <c>start_at</c>/<c>end_at</c>
/// and of the store with the same bounds. Cuts between ranges sit half a second before a whole second: Trakt's
/// watched_at values are whole seconds, so a play never lies on a cut and whether Trakt's bounds are inclusive
/// (unconfirmed) cannot matter.
/// </summary>
internal sealed record HistoryRange(DateTimeOffset? From, DateTimeOffset? To)
{
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    /// <summary>The cut just before the second that holds <paramref name="instant"/>.</summary>
    public static DateTimeOffset CutBefore(DateTimeOffset instant)
        => new DateTimeOffset(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) - HalfSecond;

    /// <summary>Everything from the cut on (the re-read window).</summary>
    public static HistoryRange Starting(DateTimeOffset? cut) => new(cut, null);

    /// <summary>Everything below the cut (what lies outside a window starting at it).</summary>
    public static HistoryRange Before(DateTimeOffset cut) => new(null, cut - Millisecond);

    /// <summary>Splits at <paramref name="cut"/>, which must lie inside the range.</summary>
    public (HistoryRange Below, HistoryRange Above) SplitAt(DateTimeOffset cut) => (this with { To = cut - Millisecond }, this with { From = cut });

    public HistoryRequest ToRequest() => new() { StartAt = From, EndAt = To };

    public override string ToString() => (From, To) switch
    {
        (null, null) => "the whole history",
        (null, { } to) => $"plays up to {Show(to)}",
        ({ } from, null) => $"plays from {Show(from)}",
        ({ } from, { } to) => $"plays from {Show(from)} to {Show(to)}",
    };

    private static string Show(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
