namespace TraktTracker.Simulator;

/// <summary>
/// The media Trakt "knows": everything ever played or registered. <c>POST /sync/history</c> resolves ids
/// against it, and answers <c>not_found</c> for anything else. Callers hold the history lock.
/// </summary>
internal sealed class MediaCatalog
{
    private readonly Dictionary<long, SimMovie> _movies = new();
    private readonly Dictionary<long, SimShow> _shows = new();
    private readonly Dictionary<long, (SimShow Show, SimEpisode Episode)> _episodes = new();
    private readonly Dictionary<(long Show, int Season, int Number), SimEpisode> _episodesByNumber = new();

    public SimMovie Remember(SimMovie movie) => _movies[movie.Ids.Trakt] = movie;

    public (SimShow, SimEpisode) Remember(SimShow show, SimEpisode episode)
    {
        _shows[show.Ids.Trakt] = show;
        _episodes[episode.Ids.Trakt] = (show, episode);
        _episodesByNumber[(show.Ids.Trakt, episode.Season, episode.Number)] = episode;
        return (show, episode);
    }

    public SimMovie? FindMovie(long traktId) => _movies.GetValueOrDefault(traktId);

    public SimShow? FindShow(long traktId) => _shows.GetValueOrDefault(traktId);

    public (SimShow Show, SimEpisode Episode)? FindEpisode(long traktId) =>
        _episodes.TryGetValue(traktId, out var found) ? found : null;

    public SimEpisode? FindEpisode(long showTraktId, int season, int number) =>
        _episodesByNumber.GetValueOrDefault((showTraktId, season, number));

    /// <summary>Known episodes of a show, or of one season of it, in season and number order.</summary>
    public IReadOnlyList<(SimShow Show, SimEpisode Episode)> EpisodesOf(long showTraktId, int? season = null) =>
        _episodes.Values.Where(e => e.Show.Ids.Trakt == showTraktId && (season is null || e.Episode.Season == season))
            .OrderBy(e => e.Episode.Season).ThenBy(e => e.Episode.Number).ToList();

    public IReadOnlyList<(SimShow Show, SimEpisode Episode)> EpisodesOfSeason(long seasonTraktId) =>
        _episodes.Values.Where(e => e.Episode.SeasonTraktId == seasonTraktId)
            .OrderBy(e => e.Episode.Number).ToList();
}
