namespace TraktTracker.Simulator;

public enum SimFaultKind
{
    /// <summary>A Trakt (Rails) response with the given status, body and headers instead of the real one.</summary>
    Status,
    /// <summary>The API limiter's 429 with <c>Retry-After</c> and <c>X-Ratelimit</c>, as when the bucket is empty.</summary>
    RateLimited,
    /// <summary>An edge (Cloudflare) response: HTML, no <c>x-runtime</c>/<c>x-request-id</c>/<c>X-Ratelimit</c>.</summary>
    Edge,
    /// <summary>The real response, but a 200 whose JSON body is cut in half.</summary>
    TruncatedBody,
    /// <summary>The connection is aborted before any response.</summary>
    ConnectionReset,
    /// <summary>The next history page has one item replaced by a broken shape.</summary>
    MalformedItem,
}

/// <summary>How <see cref="SimFault.MalformedItem"/> breaks the item it replaces (its <c>id</c> is kept).</summary>
public enum MalformedShape
{
    /// <summary><c>"watched_at": "not-a-date"</c>.</summary>
    InvalidWatchedAt,
    /// <summary>The movie or episode object has no <c>ids</c>.</summary>
    MissingIds,
    /// <summary><c>"type": "movie"</c> but no <c>movie</c> object.</summary>
    MissingMedia,
}

/// <summary>
/// One injected failure. Queue it with <see cref="FaultInjector.Enqueue"/>; build it with
/// the factory methods, which give each failure the headers and body Trakt or Cloudflare really send.
/// </summary>
public sealed class SimFault
{
    private SimFault(SimFaultKind kind, int statusCode, string? body = null, string contentType = "application/json",
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, MalformedShape shape = default)
    {
        Kind = kind;
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers ?? [];
        Shape = shape;
    }

    public SimFaultKind Kind { get; }

    public int StatusCode { get; }

    public string? Body { get; }

    public string ContentType { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public MalformedShape Shape { get; }

    /// <summary>
    /// <c>Retry-After</c> for <see cref="RateLimited"/>; null means <see cref="SimulatorOptions.RetryAfterSeconds"/>.
    /// </summary>
    public int? RetryAfterSeconds { get; private init; }

    /// <summary>Any status from Trakt itself (carries <c>x-runtime</c>), with an optional body and headers.</summary>
    public static SimFault Status(int code, string? body = null, params (string Name, string Value)[] headers) =>
        new(SimFaultKind.Status, code, body, body is null || body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[')
            ? "application/json" : "text/plain", headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList());

    /// <summary>The API limiter's 429: <c>Retry-After</c> plus the <c>X-Ratelimit</c> JSON.</summary>
    public static SimFault RateLimited(int? retryAfterSeconds = null) =>
        new(SimFaultKind.RateLimited, 429) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>
    /// Cloudflare's "banned you temporarily" page (403 or 429): HTML, <c>Retry-After</c> (300 s as observed; tests
    /// shorten it), no Rails headers.
    /// </summary>
    public static SimFault CloudflareHtml(int code = 403, int retryAfterSeconds = 300)
    {
        if (code is not (403 or 429)) throw new ArgumentOutOfRangeException(nameof(code), code, "Cloudflare blocks answer 403 or 429.");
        return new(SimFaultKind.Edge, code, EdgePages.Banned(code), "text/html; charset=UTF-8",
            [KeyValuePair.Create("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    public static SimFault TruncatedBody() => new(SimFaultKind.TruncatedBody, 200);

    public static SimFault ConnectionReset() => new(SimFaultKind.ConnectionReset, 0);

    public static SimFault MalformedItem(MalformedShape shape = MalformedShape.InvalidWatchedAt) =>
        new(SimFaultKind.MalformedItem, 200, shape: shape);

    /// <summary>420 account limit: empty body, <c>X-Account-Limit</c>, <c>X-VIP-User</c>, <c>X-Upgrade-URL</c>.</summary>
    public static SimFault AccountLimit420() => Status(420, null,
        ("X-Upgrade-URL", "https://trakt.tv/vip"), ("X-VIP-User", "false"), ("X-Account-Limit", "100000"));

    /// <summary>423 locked account: <c>X-Account-Locked: true</c> (or deactivated).</summary>
    public static SimFault Locked423(bool deactivated = false) => Status(423, null,
        ("X-Account-Locked", deactivated ? "false" : "true"), ("X-Account-Deactivated", deactivated ? "true" : "false"));

    /// <summary>426 VIP only: <c>X-Upgrade-URL</c>.</summary>
    public static SimFault VipOnly426() => Status(426, null, ("X-Upgrade-URL", "https://trakt.tv/vip"));

    /// <summary>
    /// 500 and 503 come from Trakt (JSON-less, with <c>x-runtime</c>); 502, 504 and 520–524 from the edge (HTML).
    /// </summary>
    public static SimFault ServerError(int code = 500) => code switch
    {
        500 or 503 => Status(code, null),
        502 or 504 or (>= 520 and <= 524) => new(SimFaultKind.Edge, code, EdgePages.OriginError(code), "text/html; charset=UTF-8"),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Server errors are 500, 502, 503, 504 or 520-524."),
    };

    public override string ToString() => Kind switch
    {
        SimFaultKind.MalformedItem => $"MalformedItem({Shape})",
        SimFaultKind.Status or SimFaultKind.Edge => $"{Kind}({StatusCode})",
        _ => Kind.ToString(),
    };
}
