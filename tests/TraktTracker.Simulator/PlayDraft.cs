namespace TraktTracker.Simulator;

/// <summary>A play before it has a history id. <see cref="IdGap"/> spaces ids out like Trakt's shared id sequence.</summary>
internal sealed record PlayDraft(DateTimeOffset WatchedAt, string Action, SimMovie? Movie, SimShow? Show, SimEpisode? Episode, long IdGap = 1)
{
    public static PlayDraft ForMovie(SimMovie movie, DateTimeOffset watchedAt, string action) =>
        new(watchedAt, action, movie, null, null);

    public static PlayDraft ForEpisode(SimShow show, SimEpisode episode, DateTimeOffset watchedAt, string action) =>
        new(watchedAt, action, null, show, episode);
}
