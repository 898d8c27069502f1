namespace TraktTracker.Trakt;

/// <summary>A failure worth retrying; <see cref="Failure"/> is what the caller gets once retries run out.</summary>
internal sealed class TransientTraktException : Exception
{
    public TransientTraktException(string reason, TraktApiException failure, TimeSpan? retryAfter = null)
        : base(reason)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    public TraktApiException Failure { get; }

    /// <summary>What the server asked us to wait, when it said so.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>A 401 on an authorized call: the token layer refreshes once and retries once.</summary>
internal sealed class UnauthorizedResponseException : Exception
{
    public UnauthorizedResponseException(string endpoint, string? excerpt)
        : base($"Trakt answered 401 Unauthorized on {endpoint}.")
    {
        Endpoint = endpoint;
        Excerpt = excerpt;
    }

    public string Endpoint { get; }

    public string? Excerpt { get; }
}

/// <summary>Turns a non-2xx answer into the exception the status deserves.</summary>
internal sealed class ResponseFailures
{
    private readonly SecretScrubber _scrubber;
    private readonly TimeProvider _time;

    public ResponseFailures(SecretScrubber scrubber, TimeProvider time)
    {
        _scrubber = scrubber;
        _time = time;
    }

    /// <param name="authorized">A 401 on a call with a bearer token is the token layer's business.</param>
    public Exception For(HttpResponseMessage response, string body, string endpoint, bool authorized)
    {
        var status = (int)response.StatusCode;
        var excerpt = _scrubber.Excerpt(body);
        var edge = IsCloudflare(response);
        return status switch
        {
            401 when authorized => new UnauthorizedResponseException(endpoint, excerpt),
            429 or 403 when edge => CloudflareBlock(response, status, endpoint, excerpt),
            429 => new TransientTraktException("HTTP 429 rate limit", new TraktApiException(
                $"Trakt's rate limit (HTTP 429) on {endpoint} was exceeded. " +
                "Wait a few minutes before running again, or lower TRAKT_GET_LIMIT (or raise TRAKT_MIN_REQUEST_INTERVAL_SECONDS) to spread requests out.",
                endpoint, status, responseBodyExcerpt: excerpt), RetryAfter(response)),
            >= 500 => new TransientTraktException($"HTTP {status} server error", new TraktApiException(
                $"Trakt had a server error (HTTP {status}) on {endpoint}. " +
                "Trakt may be down or overloaded: try again later (nothing was changed).",
                endpoint, status, edge, excerpt), RetryAfter(response)),
            _ => Permanent(response, status, endpoint, excerpt),
        };
    }

    /// <summary>A 200 whose body was cut off or is not JSON: retried like a server error.</summary>
    public TransientTraktException BrokenBody(string endpoint, int status, Exception cause) =>
        new($"unreadable body ({cause.GetType().Name})", new TraktApiException(
            $"Trakt's answer to {endpoint} was cut off or was not JSON. " +
            "A proxy or an overloaded Trakt may be truncating responses: try again later.",
            endpoint, status, innerException: cause));

    /// <summary>No answer at all: refused or reset connection, cut-off body, timeout (<paramref name="reason"/> says which).</summary>
    public TransientTraktException Network(TraktCall call, string reason, Exception cause) =>
        new(reason, new TraktApiException(
            $"Could not reach Trakt for {call.Endpoint} at {call.BaseUrl.Host}: {reason}. Check the network connection and " +
            "TRAKT_API_URL / TRAKT_AUTH_URL, then try again.",
            call.Endpoint, innerException: cause));

    private TraktApiException Permanent(HttpResponseMessage response, int status, string endpoint, string? excerpt)
    {
        var message = status switch
        {
            401 => $"Trakt rejected the app credentials (HTTP 401) on {endpoint}: check TRAKT_CLIENT_ID and " +
                   "TRAKT_CLIENT_SECRET, and that the app still exists (apps need VIP since 2026-07-31).",
            403 => $"Trakt refused the API key (HTTP 403) on {endpoint}: check TRAKT_CLIENT_ID / the app still exists " +
                   "(apps need VIP since 2026-07-31) at https://trakt.tv/oauth/applications.",
            420 => $"Trakt account limit exceeded (HTTP 420) on {endpoint}{HeaderNote(response, "X-Account-Limit", "limit")}: " +
                   "the account hit one of Trakt's limits (e.g. the 100,000-play history cap). Remove items or upgrade to VIP" +
                   $"{HeaderNote(response, "X-Upgrade-URL", "see")}; retrying will not help.",
            423 => $"The Trakt account is locked or deactivated (HTTP 423) on {endpoint}. " +
                   "Email Trakt support (support@trakt.tv) to unlock it; syncing cannot continue until then.",
            426 => $"This Trakt feature needs VIP (HTTP 426) on {endpoint}. " +
                   $"Upgrade{HeaderNote(response, "X-Upgrade-URL", "at")} or stop using the feature.",
            _ => $"Trakt rejected {endpoint} with HTTP {status} {response.ReasonPhrase}. This is not a temporary error, so it " +
                 "was not retried; it most likely is a bug in TraktTracker: please report it with this message.",
        };
        return new TraktApiException(message, endpoint, status, responseBodyExcerpt: excerpt);
    }

    private Exception CloudflareBlock(HttpResponseMessage response, int status, string endpoint, string? excerpt)
    {
        var retryAfter = RetryAfter(response);
        var wait = retryAfter is { } after ? $"{after.TotalSeconds:0} s (as Cloudflare asked)" : "several minutes";
        var failure = new TraktApiException(
            $"Cloudflare blocked the request (not Trakt itself): HTTP {status} with an HTML page on {endpoint}. " +
            $"Wait {wait} before trying again; if it keeps happening, make sure requests carry a descriptive User-Agent " +
            "and that nothing else on this network floods Trakt.",
            endpoint, status, fromCloudflare: true, responseBodyExcerpt: excerpt);
        // A block that says how long it lasts (Retry-After) is waited out and retried; a 403 without one is not
        // retried blindly; a 429 without one is retried with back-off.
        return status == 429 || retryAfter is not null
            ? new TransientTraktException($"HTTP {status} from Cloudflare (a temporary block)", failure, retryAfter)
            : failure;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Rails answers carry x-runtime; Cloudflare's own pages are HTML without it.</summary>
    private static bool IsCloudflare(HttpResponseMessage response) =>
        !response.Headers.Contains("x-runtime")
        && (response.Content.Headers.ContentType?.MediaType == "text/html"
            || response.Headers.Server.Any(s => s.Product?.Name.Equals("cloudflare", StringComparison.OrdinalIgnoreCase) == true));

    private static string HeaderNote(HttpResponseMessage response, string header, string lead) =>
        response.Headers.TryGetValues(header, out var values) ? $" ({lead} {string.Join(", ", values)})" : "";
}
