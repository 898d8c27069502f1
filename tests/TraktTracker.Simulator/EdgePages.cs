namespace TraktTracker.Simulator;

/// <summary>The HTML bodies Cloudflare serves in front of Trakt.</summary>
internal static class EdgePages
{
    public static string Banned(int code) =>
        $"<!DOCTYPE html><html><head><title>Access denied | api.trakt.tv used Cloudflare to restrict access</title></head>" +
        $"<body><h1>Error {(code == 429 ? 1015 : 1020)}</h1><p>The owner of this website (api.trakt.tv) has banned you temporarily " +
        "from accessing this website.</p></body></html>";

    public static string OriginError(int code) =>
        $"<!DOCTYPE html><html><head><title>api.trakt.tv | {code}</title></head>" +
        $"<body><h1>Error {code}</h1><p>Cloudflare could not get a valid response from the origin.</p></body></html>";

    public static string MissingUserAgent() =>
        "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>" +
        "<body><h1>Sorry, you have been blocked</h1><p>You are unable to access api.trakt.tv</p></body></html>";
}
