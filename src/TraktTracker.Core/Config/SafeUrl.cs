namespace TraktTracker.Config;

/// <summary>
/// A URL as it may be shown in messages, prompts and logs: a user:password part or a query (InfluxDB 1.x accepts
/// <c>?u=…&amp;p=…</c>) can carry a secret, so only scheme, host, port and path are kept.
/// </summary>
public static class SafeUrl
{
    public static string Show(Uri? url)
        => url is null ? "(not set)" : url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
