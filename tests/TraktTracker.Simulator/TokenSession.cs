namespace TraktTracker.Simulator;

/// <summary>One issued token pair. The refresh token is single-use; refreshing retires the whole session.</summary>
internal sealed class TokenSession(string accessToken, string refreshToken, DateTimeOffset createdAt, TimeSpan lifetime)
{
    public string AccessToken { get; } = accessToken;

    public string RefreshToken { get; } = refreshToken;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public TimeSpan Lifetime { get; } = lifetime;

    public DateTimeOffset ExpiresAt { get; set; } = createdAt + lifetime;
}
