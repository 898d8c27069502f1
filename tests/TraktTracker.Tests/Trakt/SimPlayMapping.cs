using TraktTracker.Simulator;

namespace TraktTracker.Tests.Trakt;

/// <summary>What the client must make of a simulator play, written out independently of the parser.</summary>
internal static class SimPlayMapping
{
    public static WatchEvent Expected(SimPlay play) => play switch
    {
        // Null media: what the play itself says, nothing of the title.
        { MediaGone: true } => new WatchEvent
        {
            HistoryId = play.Id,
            WatchedAt = play.WatchedAt,
            Type = play.IsMovie ? MediaType.Movie : MediaType.Episode,
            Action = play.Action,
        },
        { IsMovie: true } => new WatchEvent
        {
            HistoryId = play.Id,
            WatchedAt = play.WatchedAt,
            Type = MediaType.Movie,
            Title = play.Movie!.Title,
            Year = play.Movie.Year,
            RuntimeMinutes = play.Movie.Runtime,
            Action = play.Action,
            TraktId = play.Movie.Ids.Trakt,
            Slug = play.Movie.Ids.Slug,
            ImdbId = play.Movie.Ids.Imdb,
            TmdbId = play.Movie.Ids.Tmdb,
        },
        _ => new WatchEvent
        {
            HistoryId = play.Id,
            WatchedAt = play.WatchedAt,
            Type = MediaType.Episode,
            Title = play.Episode!.Title ?? "",
            Year = play.Show!.Year,
            ShowTitle = play.Show.Title,
            Season = play.Episode.Season,
            Episode = play.Episode.Number,
            RuntimeMinutes = play.Episode.Runtime,
            Action = play.Action,
            TraktId = play.Episode.Ids.Trakt,
            ShowTraktId = play.Show.Ids.Trakt,
            Slug = play.Show.Ids.Slug,
            ImdbId = play.Episode.Ids.Imdb,
            TmdbId = play.Episode.Ids.Tmdb,
            TvdbId = play.Episode.Ids.Tvdb,
        },
    };
}
