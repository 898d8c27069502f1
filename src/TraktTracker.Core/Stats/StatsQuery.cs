using TraktTracker.State;

namespace TraktTracker.Stats;

/// <summary>Which plays the figures cover: the history filters, and optionally one local year in TIMEZONE.</summary>
public sealed record StatsQuery
{
    public HistoryFilter Filter { get; init; } = new();

    /// <summary>Only plays whose local date in TIMEZONE falls in this year (unknown-date plays have no year).</summary>
    public int? Year { get; init; }
}
