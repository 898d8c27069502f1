namespace TraktTracker.Trakt;

/// <summary>
/// Trakt answered with something the client cannot use. The message says what happened and what to do;
/// it never carries a token or the client secret.
/// </summary>
public class TraktApiException : Exception
{
    public TraktApiException(string message, string endpoint, int? statusCode = null, bool fromCloudflare = false,
        string? responseBodyExcerpt = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        FromCloudflare = fromCloudflare;
        ResponseBodyExcerpt = responseBodyExcerpt;
    }

    /// <summary>HTTP status of the last answer; null when no answer arrived (network failure).</summary>
    public int? StatusCode { get; }

    /// <summary>Method and path, e.g. <c>GET /sync/history?page=3</c>.</summary>
    public string Endpoint { get; }

    /// <summary>True when the answer came from Cloudflare's edge (HTML, no <c>x-runtime</c>), not from Trakt.</summary>
    public bool FromCloudflare { get; }

    /// <summary>The start of the response body, for diagnostics (secrets removed).</summary>
    public string? ResponseBodyExcerpt { get; }

    /// <summary>The same failure with <paramref name="note"/> added to its message (how the retries went).</summary>
    internal TraktApiException WithNote(string note) =>
        new($"{Message} {note}", Endpoint, StatusCode, FromCloudflare, ResponseBodyExcerpt, InnerException);
}

/// <summary>The stored authorization is missing or no longer accepted: the user has to connect again.</summary>
public sealed class TraktAuthException : TraktApiException
{
    public const string ReconnectAdvice = "run Connect-Trakt again (or trakt-tracker --auth)";

    public TraktAuthException(string message, string endpoint, int? statusCode = null, string? responseBodyExcerpt = null)
        : base(message, endpoint, statusCode, responseBodyExcerpt: responseBodyExcerpt)
    {
    }
}
