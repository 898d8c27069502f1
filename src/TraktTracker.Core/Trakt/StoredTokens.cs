namespace TraktTracker.Trakt;

/// <summary>The OAuth pair as persisted. Refresh tokens are single-use (trakt-api.md §2.4).</summary>
public sealed record StoredTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string? Scope)
{
    /// <summary>Never print a secret: records print their members by default.</summary>
    public override string ToString() => $"StoredTokens {{ ExpiresAt = {ExpiresAt:u} }}";
}

/// <summary>Where tokens live. The state store implements it; a rotated pair is saved before it is used.</summary>
public interface ITokenStore
{
    StoredTokens? LoadTokens();

    void SaveTokens(StoredTokens tokens);
}
