namespace TraktTracker.Trakt;

/// <summary>Removes known secrets (client secret, tokens seen so far) from text bound for messages or logs.</summary>
internal sealed class SecretScrubber
{
    private const string Mask = "***";
    private const int ExcerptLength = 300;
    private readonly object _gate = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        // Short strings would mask ordinary words; real secrets are long random strings.
        if (string.IsNullOrEmpty(secret) || secret.Length < 8)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret))
            {
                _secrets = [.. _secrets, secret];
            }
        }
    }

    /// <summary>The start of a response body for diagnostics, secrets masked; null when there is none.</summary>
    public string? Excerpt(string body)
    {
        var trimmed = body.Trim();
        return trimmed.Length == 0 ? null : Scrub(trimmed.Length <= ExcerptLength ? trimmed : trimmed[..ExcerptLength] + "…");
    }

    public string Scrub(string text) =>
        Volatile.Read(ref _secrets).Aggregate(text, (current, secret) => current.Replace(secret, Mask, StringComparison.Ordinal));
}
