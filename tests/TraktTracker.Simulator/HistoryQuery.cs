namespace TraktTracker.Simulator;

/// <summary>The <c>{type}</c> segment of <c>/sync/history/{type}[/{id}]</c>; <see cref="All"/> when absent.</summary>
internal enum HistoryScope { All, Movies, Shows, Seasons, Episodes }

/// <summary>What one history GET asks for, before paging.</summary>
internal sealed record HistoryQuery(HistoryScope Scope, long? ItemId, DateTimeOffset? StartAt, DateTimeOffset? EndAt)
{
    public bool Matches(SimPlay play) => Scope switch
    {
        HistoryScope.All => true,
        HistoryScope.Movies => play.IsMovie && (ItemId is null || play.Movie!.Ids.Trakt == ItemId),
        HistoryScope.Episodes => !play.IsMovie && (ItemId is null || play.Episode!.Ids.Trakt == ItemId),
        HistoryScope.Shows => !play.IsMovie && (ItemId is null || play.Show!.Ids.Trakt == ItemId),
        HistoryScope.Seasons => !play.IsMovie && (ItemId is null || play.Episode!.SeasonTraktId == ItemId),
        _ => false,
    };
}
