using TraktTracker.Retrying;

namespace TraktTracker.Influx;

/// <summary>Batching, compression and retry knobs of the InfluxDB writers.</summary>
public sealed record InfluxWriterOptions
{
    /// <summary>Lines per write request (InfluxDB's guidance for OSS and Cloud TSM).</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Send bodies gzip-compressed with <c>Content-Encoding: gzip</c>.</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>
    /// InfluxDB's retries: 5 at most, 5 s first back-off, 10 s per attempt (a 5000-line batch takes well under a second
    /// on a healthy server), and a 30 s budget (INFLUX_RETRY_BUDGET_SECONDS) after which an unreachable or hung
    /// server fails the run, leaving its days pending.
    /// </summary>
    public static RetryPolicy DefaultRetry { get; } = new()
    {
        MaxRetries = 5,
        RequestTimeout = TimeSpan.FromSeconds(10),
        Budget = TimeSpan.FromSeconds(30),
        BaseDelay = TimeSpan.FromSeconds(5),
        MaxDelay = TimeSpan.FromSeconds(125),
        MaxRetryAfter = TimeSpan.FromSeconds(125),
    };

    /// <summary>Retries on 429, 5xx, network errors and timeouts.</summary>
    public RetryPolicy Retry { get; init; } = DefaultRetry;

    /// <summary>Timestamp unit of the write requests.</summary>
    public WritePrecision Precision { get; init; } = WritePrecision.Nanoseconds;
}
