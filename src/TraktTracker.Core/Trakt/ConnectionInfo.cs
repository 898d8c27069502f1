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
