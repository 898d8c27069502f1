using System.Text.Json;

namespace TraktTracker.TestSupport.Influx;

/// <summary>An answer <see cref="InfluxV2Fake"/> gives; the canned ones carry InfluxDB 2.x's real statuses and bodies.</summary>
public sealed record FakeResponse(int Status, string Body = "", string ContentType = "application/json; charset=utf-8")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeResponse NoContent { get; } = new(204);

    public static FakeResponse Invalid(string message = "unable to parse 'bad line': missing fields")
        => Error(400, "invalid", message);

    public static FakeResponse Unauthorized { get; } = Error(401, "unauthorized", "unauthorized access");

    public static FakeResponse Forbidden { get; } = Error(403, "forbidden", "insufficient permissions for write");

    public static FakeResponse BucketNotFound(string bucket) => Error(404, "not found", $"bucket \"{bucket}\" not found");

    public static FakeResponse TooLarge { get; } = Error(413, "request too large", "unable to read data: points batch is too large");

    public static FakeResponse PartialWrite(int dropped = 1) => Error(422, "unprocessable entity",
        $"failure writing points to database: partial write: field type conflict: input field \"runtime_min\" on measurement \"watch_event\" is type float, already exists as type integer dropped={dropped}");

    /// <summary>429 with <c>Retry-After</c> (seconds or an HTTP-date), as Cloud sends when a rate limit resets by itself.</summary>
    public static FakeResponse TooManyRequests(string? retryAfter) => WithRetryAfter(Error(429, "too many requests", "rate limit exceeded"), retryAfter);

    public static FakeResponse Unavailable(string? retryAfter) => WithRetryAfter(Error(503, "unavailable", "service unavailable"), retryAfter);

    public static FakeResponse InternalError { get; } = Error(500, "internal error", "unexpected error writing points to database");

    /// <summary>What a router without the route answers (InfluxDB 1.x and 3.x for unknown /api/v2 paths).</summary>
    public static FakeResponse PageNotFound { get; } = new(404, "404 page not found\n", "text/plain; charset=utf-8");

    public static FakeResponse Error(int status, string code, string message)
        => new(status, JsonSerializer.Serialize(new { code, message }));

    private static FakeResponse WithRetryAfter(FakeResponse response, string? retryAfter)
        => retryAfter is null ? response : response with { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfter } };
}
