namespace TraktTracker;

/// <summary>
/// What was played: the values of <see cref="WatchEvent.Type"/>. Text rather than an enum, so that ConvertTo-Json and
/// Export-Csv show "Movie"/"Episode" (PowerShell serializes enums as numbers) and Where-Object Type -eq Movie works.
/// </summary>
public static class MediaType
{
    public const string Movie = "Movie";
    public const string Episode = "Episode";

    /// <summary>The canonical spelling of <paramref name="name"/> (any case); null when it is neither.</summary>
    public static string? Normalize(string? name) =>
        string.Equals(name, Movie, StringComparison.OrdinalIgnoreCase) ? Movie
        : string.Equals(name, Episode, StringComparison.OrdinalIgnoreCase) ? Episode
        : null;
}

/// <summary>
/// One play from the Trakt history, as stored locally and emitted by Get-TraktHistory.
/// Property order is the column order of Export-Csv, so it is part of the contract.
/// Only scalar properties: objects must flatten cleanly into CSV and JSON rows.
/// </summary>
public sealed record WatchEvent
{
    /// <summary>Trakt history id: the identity of a play (64-bit).</summary>
    public long HistoryId { get; init; }

    /// <summary>When it was watched, UTC. The Unix epoch means "unknown date" on Trakt.</summary>
    public DateTimeOffset WatchedAt { get; init; }

    /// <summary><see cref="MediaType.Movie"/> or <see cref="MediaType.Episode"/>.</summary>
    public string Type { get; init; } = MediaType.Movie;

    /// <summary>Movie title, or the episode's own title; empty for episodes without one and for plays whose title
    /// left Trakt's catalogue (Trakt sends their media as null).</summary>
    public string Title { get; init; } = "";

    /// <summary>Release year of the movie, or of the show for episodes.</summary>
    public int? Year { get; init; }

    public string? ShowTitle { get; init; }

    public int? Season { get; init; }

    public int? Episode { get; init; }

    public int? RuntimeMinutes { get; init; }

    /// <summary>Derived from the ordered local history, never read from the payload.</summary>
    public bool IsRewatch { get; init; }

    /// <summary><c>scrobble</c>, <c>checkin</c> or <c>watch</c>, exactly as Trakt sends it.</summary>
    public string Action { get; init; } = "watch";

    /// <summary>Trakt id of the movie or of the episode; 0 when Trakt sent none (media null or without ids).</summary>
    public long TraktId { get; init; }

    public long? ShowTraktId { get; init; }

    /// <summary>Slug of the movie, or of the show for episodes.</summary>
    public string? Slug { get; init; }

    public string? ImdbId { get; init; }

    public long? TmdbId { get; init; }

    public long? TvdbId { get; init; }
}
