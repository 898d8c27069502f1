namespace TraktTracker.Trakt;

/// <summary>One listing of <c>/sync/history</c>.</summary>
public sealed record HistoryRequest
{
    /// <summary><c>all</c>, <c>movies</c> or <c>episodes</c>.</summary>
    public string Type { get; init; } = "all";

    /// <summary>Lower bound on <c>watched_at</c> (inclusive).</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Upper bound on <c>watched_at</c>; pin it to the crawl start so new plays cannot shift pages.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>Requested page size. Trakt clamps it (250 since 2026-06-15); the effective one is in the page.</summary>
    public int Limit { get; init; } = 250;

    public bool ExtendedFull { get; init; } = true;
}

/// <summary>One page of history with the pagination Trakt reported for it.</summary>
public sealed record HistoryPage(int Page, int PageCount, int ItemCount, int Limit, IReadOnlyList<HistoryItem> Items);

/// <summary>
/// One history item: the mapped play, or (when the item could not be read) null with the raw JSON and the
/// reason, so the caller can keep it as a dead letter and still store the rest of the page. Only unreadable items
/// carry their JSON: a page's worth of copies for every item would only be garbage.
/// </summary>
public sealed record HistoryItem(WatchEvent? Play, string? RawJson, string? Error);

/// <summary>The parts of <c>/sync/last_activities</c> a history sync needs.</summary>
/// <param name="ReadAt">
/// No later than the moment Trakt read the values: the earlier of the response's <c>Date</c> and the local clock
/// when the request left (a local clock far behind <c>Date</c>: <c>Date</c> less the request's time). Trakt reports whole seconds, so a change later in the second <paramref name="ReadAt"/>
/// falls in leaves the values as they were; a value in that second or later cannot serve as a baseline.
/// </param>
public sealed record LastActivities(DateTimeOffset? All, DateTimeOffset? MoviesWatchedAt, DateTimeOffset? EpisodesWatchedAt, DateTimeOffset ReadAt)
{
    /// <summary>
    /// True when no change made after the read can hide behind the values: each is older than the second of
    /// <see cref="ReadAt"/> (or absent, which a first play would change), so any later change moves one of them.
    /// </summary>
    public bool SafeAsBaseline
    {
        get
        {
            var second = new DateTimeOffset(ReadAt.UtcTicks - ReadAt.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            return Settled(MoviesWatchedAt) && Settled(EpisodesWatchedAt);

            bool Settled(DateTimeOffset? activity) => activity is null || activity < second;
        }
    }
}

/// <summary>Who is connected, from <c>/users/settings</c>.</summary>
public sealed record UserSettings(string Username, string? Slug, bool IsVip, string? TimeZone);

/// <summary>The answer of <c>/oauth/device/code</c>. <see cref="Code"/> is a credential: it is never printed.</summary>
public sealed record DeviceCode(string Code, string UserCode, string VerificationUrl, TimeSpan ExpiresIn, TimeSpan Interval)
{
    /// <summary>What the user must see: the URL as Trakt returned it, and the code to enter there.</summary>
    public DeviceCodePrompt ToPrompt() => new(VerificationUrl, UserCode, ExpiresIn, Interval);

    public override string ToString() => $"DeviceCode {{ UserCode = {UserCode}, VerificationUrl = {VerificationUrl} }}";
}
