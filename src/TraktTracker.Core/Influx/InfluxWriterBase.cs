using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>What both API versions share: batching, gzip, ping and the 5xx/network part of error reporting.</summary>
public abstract class InfluxWriterBase : IInfluxWriter
{
    private static readonly MediaTypeHeaderValue LineProtocolType = new("text/plain") { CharSet = "utf-8" };

    private protected InfluxWriterBase(InfluxHttp http, InfluxWriterOptions options)
    {
        Http = http;
        Options = options;
    }

    public abstract InfluxApiVersion Api { get; }

    public Uri Url => Http.BaseUrl;

    public InfluxWriterOptions Options { get; }

    private protected InfluxHttp Http { get; }

    public abstract string Describe(string bucket);

    public async Task<string?> PingAsync(CancellationToken ct)
    {
        var response = await Http.SendAsync(HttpMethod.Get, "ping", null, retry: false, "checking /ping", ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Failure(
                InfluxFailure.UnexpectedResponse,
                response,
                $"InfluxDB at {Url} answered /ping with HTTP {response.Status} ({Http.Scrub(response.ErrorText)}). Check that INFLUX_URL points at InfluxDB itself.");
        }

        return response.ServerVersion;
    }

    public async Task<int> WriteAsync(string bucket, IReadOnlyList<LinePoint> points, CancellationToken ct)
    {
        var uri = WriteUri(bucket);
        for (var first = 0; first < points.Count; first += Options.BatchSize)
        {
            var body = Encode(points, first, Math.Min(Options.BatchSize, points.Count - first));
            var response = await Http.SendAsync(HttpMethod.Post, uri, () => Content(body), retry: true, $"writing to {Describe(bucket)}", ct)
                .ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw WriteFailure(response, bucket);
            }
        }

        return points.Count;
    }

    public abstract Task DeleteAsync(string bucket, string measurement, DateTimeOffset start, DateTimeOffset stop, CancellationToken ct);

    public abstract Task DeleteAllAsync(string bucket, string measurement, CancellationToken ct);

    public abstract Task<bool?> HoldsPointsAsync(string bucket, string measurement, CancellationToken ct);

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Relative URI of a write to <paramref name="bucket"/>, query included.</summary>
    private protected abstract string WriteUri(string bucket);

    /// <summary>Explains a 4xx answer to a write; 429/5xx and the rest are handled here.</summary>
    private protected abstract InfluxException? ExplainWriteFailure(InfluxResponse response, string bucket);

    private protected InfluxException WriteFailure(InfluxResponse response, string bucket)
        => ExplainWriteFailure(response, bucket) ?? CommonFailure(response, $"writing to {Describe(bucket)}");

    /// <summary>Errors that read the same on every API: too large, rate limited, server trouble, anything else.</summary>
    private protected InfluxException CommonFailure(InfluxResponse response, string what)
    {
        var said = Http.Scrub(response.ErrorText);
        var (failure, advice) = response.Status switch
        {
            413 => (InfluxFailure.TooLarge, $"The request was too large for the server; lower the batch size (now {Options.BatchSize} lines) or raise the server's body size limit."),
            429 or >= 500 when response.RetryAfter > Options.Retry.MaxRetryAfter =>
                (InfluxFailure.Unavailable, $"The server asked to wait {response.RetryAfter!.Value.TotalSeconds:0} s, longer than the {Options.Retry.MaxRetryAfter.TotalSeconds:0} s allowed; nothing was lost, the next run tries again."),
            429 or >= 500 => (InfluxFailure.Unavailable, $"It kept failing through the retries ({Options.Retry.MaxRetries} at most, within {SettingNames.InfluxRetryBudget}); nothing was lost, the next run tries again."),
            _ => (InfluxFailure.UnexpectedResponse, "Check INFLUX_URL and INFLUX_API."),
        };
        return Failure(failure, response, $"InfluxDB at {Url} answered HTTP {response.Status} while {what}: {said}. {advice}");
    }

    /// <summary>An error about <paramref name="response"/>, carrying its status and the server's version.</summary>
    private protected static InfluxException Failure(InfluxFailure failure, InfluxResponse response, string message)
        => new(failure, message, response.Status, response.ServerVersion);

    private protected static string Quote(string name) => "'" + name + "'";

    private ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = LineProtocolType;
        if (Options.Gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    private byte[] Encode(IReadOnlyList<LinePoint> points, int first, int count)
    {
        var text = new StringBuilder(count * 256);
        for (var i = first; i < first + count; i++)
        {
            points[i].AppendTo(text, Options.Precision);
            text.Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (!Options.Gzip)
        {
            return bytes;
        }

        using var compressed = new MemoryStream(bytes.Length / 4 + 64);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }
}
