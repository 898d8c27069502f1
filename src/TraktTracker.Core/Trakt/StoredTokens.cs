namespace TraktTracker.Trakt;

/// <summary>
/// The OAuth pair as persisted. Refresh tokens are single-use: Trakt kills one the moment it handles a refresh with it.
/// <see cref="RefreshSentAt"/> is set while a refresh with <see cref="RefreshToken"/> has been sent and its answer
/// not stored: after a run died in that exchange, it tells an interrupted refresh from a revoked token.
/// </summary>
public sealed record StoredTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string? Scope,
    DateTimeOffset? RefreshSentAt = null)
{
    /// <summary>Never print a secret: records print their members by default.</summary>
    public override string ToString() => $"StoredTokens {{ ExpiresAt = {ExpiresAt:u} }}";
}

/// <summary>Where tokens live. The state store implements it; a rotated pair is saved before it is used.</summary>
public interface ITokenStore
{
    StoredTokens? LoadTokens();

    /// <summary>Replaces the stored pair (with its <see cref="StoredTokens.RefreshSentAt"/>), durably.</summary>
    void SaveTokens(StoredTokens tokens);

    /// <summary>
    /// Records that a refresh of the stored pair is being sent at <paramref name="at"/>, before it leaves; an earlier
    /// unfinished one's time is kept. Saving a new pair clears it.
    /// </summary>
    void MarkRefreshSent(DateTimeOffset at);
}
