namespace TraktTracker.Config;

/// <summary>
/// A URL as it may be shown in messages, prompts and logs: a user:password part or a query (InfluxDB 1.x accepts
/// <c>?u=…&amp;p=…</c>) can carry a secret, so both are dropped.
/// </summary>
public static class SafeUrl
{
    public static string Show(Uri? url)
    {
        if (url is null)
        {
            return "(none)";
        }

        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        return new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.AbsoluteUri;
    }
}
