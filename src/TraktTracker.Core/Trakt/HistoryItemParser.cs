using System.Globalization;
using System.Text.Json;

namespace TraktTracker.Trakt;

/// <summary>A history item lacks a field the play needs, or has it in the wrong shape.</summary>
public sealed class HistoryItemFormatException : Exception
{
    public HistoryItemFormatException(string field, string problem)
        : base($"History item field '{field}' {problem}.")
    {
        Field = field;
    }

    /// <summary>Dotted path of the offending field, e.g. <c>episode.ids.trakt</c>.</summary>
    public string Field { get; }
}

/// <summary>
/// Maps one <c>/sync/history</c> item to a <see cref="WatchEvent"/>. Only the play itself must
/// be readable: its history id, date, type and action. Its media may be null (a title removed from Trakt's
/// catalogue) or lack ids; the play is kept with what is known, an empty title and trakt id 0.
/// </summary>
public static class HistoryItemParser
{
    /// <summary>
    /// Reads one item. <see cref="WatchEvent.IsRewatch"/> is always false here: Trakt sends no rewatch flag,
    /// it is derived from the ordered local history. Throws <see cref="HistoryItemFormatException"/>.
    /// </summary>
    public static WatchEvent Parse(JsonElement item)
    {
        var reader = new ItemReader(item, "");
        var play = new WatchEvent
        {
            HistoryId = reader.RequiredLong("id"),
            WatchedAt = ReadWatchedAt(reader),
            Action = reader.RequiredString("action"),
        };
        var type = reader.RequiredString("type");
        return type switch
        {
            "movie" => WithMovie(play, reader.OptionalChild("movie")),
            "episode" => WithEpisode(play, reader.OptionalChild("episode"), reader.OptionalChild("show")),
            _ => throw new HistoryItemFormatException("type", $"is '{type}', expected 'movie' or 'episode'"),
        };
    }

    private static DateTimeOffset ReadWatchedAt(ItemReader reader)
    {
        var text = reader.RequiredString("watched_at");
        // Plays added with an unknown date come back at the epoch; accept the literal too (its form is unconfirmed).
        if (text == "unknown")
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new HistoryItemFormatException("watched_at", $"is not a date ('{text}')");
        }

        return at.ToUniversalTime();
    }

    private static WatchEvent WithMovie(WatchEvent play, ItemReader? movie)
    {
        var ids = movie?.OptionalChild("ids");
        return play with
        {
            Type = MediaType.Movie,
            Title = movie?.OptionalString("title") ?? "",
            Year = movie?.OptionalInt("year"),
            RuntimeMinutes = movie?.OptionalInt("runtime"),
            TraktId = ids?.OptionalLong("trakt") ?? 0,
            Slug = ids?.OptionalString("slug"),
            ImdbId = ids?.OptionalString("imdb"),
            TmdbId = ids?.OptionalLong("tmdb"),
        };
    }

    private static WatchEvent WithEpisode(WatchEvent play, ItemReader? episode, ItemReader? show)
    {
        var episodeIds = episode?.OptionalChild("ids");
        var showIds = show?.OptionalChild("ids");
        return play with
        {
            Type = MediaType.Episode,
            Title = episode?.OptionalString("title") ?? "",
            Season = episode?.OptionalInt("season"),
            Episode = episode?.OptionalInt("number"),
            RuntimeMinutes = episode?.OptionalInt("runtime"),
            TraktId = episodeIds?.OptionalLong("trakt") ?? 0,
            TvdbId = episodeIds?.OptionalLong("tvdb"),
            ImdbId = episodeIds?.OptionalString("imdb"),
            TmdbId = episodeIds?.OptionalLong("tmdb"),
            ShowTitle = show?.OptionalString("title"),
            Year = show?.OptionalInt("year"),
            ShowTraktId = showIds?.OptionalLong("trakt"),
            Slug = showIds?.OptionalString("slug"),
        };
    }
}
