namespace TraktTracker.Trakt;

/// <summary>Who is connected, as Connect-Trakt shows it. Never carries a secret.</summary>
public sealed record ConnectionInfo
{
    public string Username { get; init; } = "";

    public string? Slug { get; init; }

    public bool IsVip { get; init; }

    public string? TimeZone { get; init; }

    public DateTimeOffset TokenExpiresAt { get; init; }

    public Uri? ApiUrl { get; init; }
}

/// <summary>What the user must see to approve the device: show VerificationUrl as Trakt returned it.</summary>
public sealed record DeviceCodePrompt(string VerificationUrl, string UserCode, TimeSpan ExpiresIn, TimeSpan Interval);

/// <summary>What Disconnect-Trakt did: the tokens are gone from <see cref="StateDbPath"/>; revoked at Trakt unless it failed.</summary>
/// <param name="RevokeFailure">Why Trakt did not revoke them (unreachable, refused); null when it did.</param>
public sealed record Disconnection(string StateDbPath, bool RevokedAtTrakt, string? RevokeFailure);
