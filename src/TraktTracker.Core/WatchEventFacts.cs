namespace TraktTracker;

/// <summary>Facts derived from a play that are not part of its public shape.</summary>
public static class WatchEventFacts
{
    /// <summary>Trakt stores "unknown date" plays at the Unix epoch (trakt-api.md §3.7).</summary>
    public static bool HasUnknownDate(this WatchEvent play) => play.WatchedAt == DateTimeOffset.UnixEpoch;

    /// <summary>
    /// The key plays of the same title share, for rewatch detection (product.md §5.4):
    /// movie trakt id; episode trakt id, falling back to show + season + number.
    /// </summary>
    public static string TitleKey(this WatchEvent play) => play.Type switch
    {
        MediaType.Movie => $"m:{play.TraktId}",
        _ when play.TraktId > 0 => $"e:{play.TraktId}",
        _ => $"s:{play.ShowTraktId}:{play.Season}:{play.Episode}",
    };
}
