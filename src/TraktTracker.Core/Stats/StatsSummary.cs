namespace TraktTracker.Stats;

/// <summary>
/// Totals of a history (Get-TraktStats -Summary). Days are local to <see cref="TimeZone"/>; unknown-date plays count
/// in the totals but in no day, streak or sitting. Only scalar properties, so Export-Csv gives a clean row.
/// </summary>
public sealed record StatsSummary
{
    public int Plays { get; init; }

    public int Movies { get; init; }

    public int Episodes { get; init; }

    public long Minutes { get; init; }

    public double Hours => Math.Round(Minutes / 60.0, 1, MidpointRounding.AwayFromZero);

    public int DistinctMovies { get; init; }

    public int DistinctShows { get; init; }

    public int DistinctEpisodes { get; init; }

    public int FirstWatches { get; init; }

    public int Rewatches { get; init; }

    /// <summary>Rewatches as a percentage of all plays, one decimal.</summary>
    public double RewatchPercent => Plays == 0 ? 0 : Math.Round(100.0 * Rewatches / Plays, 1, MidpointRounding.AwayFromZero);

    public int UnknownDatePlays { get; init; }

    /// <summary>The earliest and latest dated play (UTC).</summary>
    public DateTimeOffset? FirstPlay { get; init; }

    public DateTimeOffset? LastPlay { get; init; }

    /// <summary>Local days with at least one play.</summary>
    public int DaysWatched { get; init; }

    /// <summary>The most consecutive local days with a play each; the earliest such run on a tie.</summary>
    public int LongestStreakDays { get; init; }

    public string? LongestStreakFirstDay { get; init; }

    public string? LongestStreakLastDay { get; init; }

    /// <summary>The local day with the most plays (the earliest on a tie), "yyyy-MM-dd".</summary>
    public string? BusiestDay { get; init; }

    public int BusiestDayPlays { get; init; }

    /// <summary>
    /// The sitting with the most plays (the earliest on a tie): consecutive plays of episodes of one show, with
    /// nothing else played in between and at most <see cref="WatchStats.SittingGap"/> from one play to the next.
    /// </summary>
    public int LongestBingePlays { get; init; }

    public string? LongestBingeShow { get; init; }

    public DateTimeOffset? LongestBingeFirstPlay { get; init; }

    public DateTimeOffset? LongestBingeLastPlay { get; init; }

    /// <summary>The IANA zone the days, weeks and hours are local to (TIMEZONE).</summary>
    public string TimeZone { get; init; } = "";

    /// <summary>The local year the figures are limited to, if any.</summary>
    public int? Year { get; init; }
}
