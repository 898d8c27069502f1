namespace TraktTracker;

/// <summary>Facts derived from a play that are not part of its public shape.</summary>
public static class WatchEventFacts
{
    /// <summary>Trakt stores "unknown date" plays at the Unix epoch.</summary>
    public static bool HasUnknownDate(this WatchEvent play) => play.WatchedAt == DateTimeOffset.UnixEpoch;

    /// <summary>
    /// The key plays of the same title share, for rewatch detection:
    /// movie trakt id; episode trakt id, falling back to show + season + number. A play whose title Trakt no
    /// longer identifies (null media) is a title of its own, so it is a first watch and flips no other play.
    /// </summary>
    public static string TitleKey(this WatchEvent play) => play switch
    {
        { TraktId: > 0, Type: MediaType.Movie } => $"m:{play.TraktId}",
        { TraktId: > 0 } => $"e:{play.TraktId}",
        { Type: MediaType.Episode, ShowTraktId: { } show, Season: { } season, Episode: { } number } => $"s:{show}:{season}:{number}",
        _ => $"h:{play.HistoryId}",
    };

    /// <summary>True when Trakt sent no trakt id for the title (its media was null or lacked ids).</summary>
    public static bool HasUnknownTitle(this WatchEvent play) => play.TraktId <= 0;
}
