namespace TraktTracker.State;

/// <summary>Filters the local history can apply in SQL; title wildcards are the caller's (PowerShell's) job.</summary>
public sealed record HistoryFilter
{
    /// <summary><see cref="MediaType.Movie"/>, <see cref="MediaType.Episode"/> or null for both.</summary>
    public string? Type { get; init; }

    /// <summary>Plays watched strictly after this instant.</summary>
    public DateTimeOffset? After { get; init; }

    /// <summary>Plays watched strictly before this instant.</summary>
    public DateTimeOffset? Before { get; init; }
}
