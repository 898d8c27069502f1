namespace TraktTracker.Stats;

/// <summary>
/// One group of plays (Get-TraktStats -By): a period, a show, a title or a media type. Only scalar properties, so
/// Export-Csv gives clean rows.
/// </summary>
public sealed record StatsRow
{
    public StatsGrouping By { get; init; }

    /// <summary>
    /// The group: "2024", "2024-03", "2024-W09", "2024-03-01", "Monday", "21" (hour), a show title, a title
    /// ("Heat (1995)", "Show S01E02 Title") or "Movie"/"Episode"; <see cref="WatchStats.UnknownDateGroup"/> for plays
    /// without a date in the period groupings.
    /// </summary>
    public string Group { get; init; } = "";

    /// <summary>True for the row of unknown-date plays: they count in totals, but in no period.</summary>
    public bool UnknownDate { get; init; }

    /// <summary>The media type of a Show, Title or Type row; empty for periods.</summary>
    public string? Type { get; init; }

    public int Plays { get; init; }

    /// <summary>Sum of the plays' runtimes (a play without a runtime adds nothing).</summary>
    public long Minutes { get; init; }

    public double Hours => Math.Round(Minutes / 60.0, 1, MidpointRounding.AwayFromZero);

    /// <summary>Distinct movies and episodes (the rewatch identity); for a show: its distinct episodes.</summary>
    public int DistinctTitles { get; init; }

    /// <summary>Plays that were the first play of their title in the whole history.</summary>
    public int FirstWatches { get; init; }

    public int Rewatches { get; init; }

    public int Movies { get; init; }

    public int Episodes { get; init; }

    /// <summary>The group's earliest and latest dated play (UTC); empty when it has only unknown-date plays.</summary>
    public DateTimeOffset? FirstPlay { get; init; }

    public DateTimeOffset? LastPlay { get; init; }
}
