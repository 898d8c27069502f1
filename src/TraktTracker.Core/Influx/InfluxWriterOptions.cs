namespace TraktTracker.Influx;

/// <summary>Batching, compression and retry knobs of the InfluxDB writers.</summary>
public sealed record InfluxWriterOptions
{
    /// <summary>Lines per write request (InfluxDB's guidance for OSS and Cloud TSM).</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Send bodies gzip-compressed with <c>Content-Encoding: gzip</c>.</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>Retries after the first attempt, for 429, 5xx and network errors.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay when the server sends no <c>Retry-After</c>; doubles each time, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap of one backoff delay.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(125);

    /// <summary>The longest <c>Retry-After</c> honoured; a server asking for more fails the call instead of stalling the run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(125);

    /// <summary>Time limit of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timestamp unit of the write requests.</summary>
    public WritePrecision Precision { get; init; } = WritePrecision.Nanoseconds;
}
