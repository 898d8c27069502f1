namespace TraktTracker.Stats;

/// <summary>The running figures of one group of plays.</summary>
internal sealed class GroupTally(bool countsTitles = true)
{
    /// <summary>Null for a group of one title (a Title row), which needs no set to count it.</summary>
    private readonly HashSet<int>? titles = countsTitles ? [] : null;

    public string Label { get; set; } = "";

    public int Plays { get; private set; }

    public long Minutes { get; private set; }

    public int Rewatches { get; private set; }

    public int Movies { get; private set; }

    public DateTimeOffset? FirstPlay { get; private set; }

    public DateTimeOffset? LastPlay { get; private set; }

    public void Add(WatchEvent play, int titleId)
    {
        Plays++;
        Minutes += play.RuntimeMinutes ?? 0;
        Rewatches += play.IsRewatch ? 1 : 0;
        Movies += play.Type == MediaType.Movie ? 1 : 0;
        titles?.Add(titleId);
        if (!play.HasUnknownDate())
        {
            FirstPlay = FirstPlay is { } first && first <= play.WatchedAt ? first : play.WatchedAt;
            LastPlay = LastPlay is { } last && last >= play.WatchedAt ? last : play.WatchedAt;
        }
    }

    public StatsRow ToRow(StatsGrouping by, string group, string? type = null, bool unknownDate = false) => new()
    {
        By = by,
        Group = group,
        UnknownDate = unknownDate,
        Type = type,
        Plays = Plays,
        Minutes = Minutes,
        DistinctTitles = titles?.Count ?? (Plays > 0 ? 1 : 0),
        FirstWatches = Plays - Rewatches,
        Rewatches = Rewatches,
        Movies = Movies,
        Episodes = Plays - Movies,
        FirstPlay = FirstPlay,
        LastPlay = LastPlay,
    };
}
