namespace TraktTracker.Simulator;

/// <summary>Media ids as Trakt sends them: <c>trakt</c> always; the others may be null.</summary>
public sealed record SimIds(long Trakt, string? Slug = null, string? Imdb = null, long? Tmdb = null, long? Tvdb = null);

public sealed record SimMovie(string Title, int? Year, SimIds Ids, int? Runtime);

public sealed record SimShow(string Title, int? Year, SimIds Ids);

/// <summary>An episode; <see cref="SeasonTraktId"/> is what <c>/sync/history/seasons/{id}</c> matches (0: derived as show id × 1000 + season).</summary>
public sealed record SimEpisode(int Season, int Number, string? Title, SimIds Ids, int? Runtime, long SeasonTraktId = 0);

/// <summary>
/// One play in the simulated history. <see cref="Type"/> is <c>movie</c> (then <see cref="Movie"/> is set)
/// or <c>episode</c> (then <see cref="Episode"/> and <see cref="Show"/> are set). Like Trakt, no rewatch flag.
/// <see cref="MediaGone"/>: the title left Trakt's catalogue, so the item is served with null media.
/// </summary>
public sealed record SimPlay(
    long Id,
    DateTimeOffset WatchedAt,
    string Action,
    string Type,
    SimMovie? Movie = null,
    SimEpisode? Episode = null,
    SimShow? Show = null,
    bool MediaGone = false)
{
    public const string MovieType = "movie";
    public const string EpisodeType = "episode";

    public bool IsMovie => Type == MovieType;

    /// <summary>Trakt id of the movie or of the episode.</summary>
    public long TraktId => IsMovie ? Movie!.Ids.Trakt : Episode!.Ids.Trakt;

    /// <summary>Movie title, or the episode's own title.</summary>
    public string? Title => IsMovie ? Movie!.Title : Episode!.Title;

    public int? Runtime => IsMovie ? Movie!.Runtime : Episode!.Runtime;
}
