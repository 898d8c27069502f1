using System.Diagnostics;
using System.Text;

namespace TraktTracker.TestSupport.Influx;

/// <summary>A request <see cref="InfluxV2Fake"/> received: exactly as sent, plus its body decompressed.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] RawBody,
    long ReceivedTimestamp)
{
    /// <summary>The body as text, gunzipped when it came with <c>Content-Encoding: gzip</c>.</summary>
    public string Body { get; init; } = "";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <summary>The non-empty lines of a write body.</summary>
    public IReadOnlyList<string> Lines => Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public TimeSpan ElapsedSince(RecordedRequest earlier) => Stopwatch.GetElapsedTime(earlier.ReceivedTimestamp, ReceivedTimestamp);

    public override string ToString() => $"{Method} {Path}?{string.Join('&', Query.Select(q => $"{q.Key}={q.Value}"))} ({Encoding.UTF8.GetByteCount(Body)} bytes)";
}
