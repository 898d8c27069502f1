using System.Text.Json;

namespace TraktTracker.Influx;

/// <summary>A fully read InfluxDB answer: small enough to buffer, and retry decisions need its body.</summary>
internal sealed record InfluxResponse(int Status, string Body, string? ServerVersion, string? ErrorHeader, TimeSpan? RetryAfter)
{
    private const int MaxErrorLength = 500;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// True for answers worth another try: 429 and 5xx, except those no wait will fix: 501 Not Implemented and
    /// InfluxDB 1.x's 500 for a missing retention policy.
    /// </summary>
    public bool IsTransient => Status is 429 or (>= 500 and not 501)
        && !Body.Contains("retention policy not found", StringComparison.Ordinal);

    /// <summary>
    /// The server's own words: JSON <c>error</c> (1.x), <c>message</c> (2.x) or <c>error</c>+<c>data</c> (3.x),
    /// then the <c>X-Influxdb-Error</c> header, then the raw body.
    /// </summary>
    public string ErrorText => Shorten(FromJson(Body) ?? ErrorHeader ?? Body.Trim());

    /// <summary>True when the body is not JSON: a router's "404 page not found" rather than the API's own answer.</summary>
    public bool IsPlainTextBody => FromJson(Body) is null;

    private static string? FromJson(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var text = Text(root, "message") ?? Text(root, "error");
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
            {
                text += " (first rejected line: " + (Text(data[0], "error_message") ?? data[0].ToString()) + ")";
            }

            return text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
}
