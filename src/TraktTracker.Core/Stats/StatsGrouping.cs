namespace TraktTracker.Stats;

/// <summary>What Get-TraktStats groups plays by. Periods (Year … Hour) are local to TIMEZONE.</summary>
public enum StatsGrouping
{
    Year,
    Month,

    /// <summary>ISO 8601 weeks (Monday first), keyed "2024-W09" by their ISO year.</summary>
    Week,
    Day,
    Weekday,

    /// <summary>The local wall-clock hour, 00 to 23 (on a DST fall-back day the repeated hour counts once, with both halves).</summary>
    Hour,

    /// <summary>One row per show (by Trakt id), episodes only.</summary>
    Show,

    /// <summary>One row per movie or episode, the identity rewatches are counted by.</summary>
    Title,
    Type,
}
