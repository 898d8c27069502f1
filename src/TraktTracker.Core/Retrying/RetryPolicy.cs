namespace TraktTracker.Retrying;

/// <summary>
/// How one request to Trakt or InfluxDB is retried: a bounded number of retries, a time limit per attempt, and a
/// total budget for failing, so an unreachable or hung server fails the run in bounded time.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Time limit of one attempt (no answer by then: the attempt failed).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one request may keep failing: its failed attempts and the back-off between them. Waits the server
    /// asked for (<c>Retry-After</c>, at most <see cref="MaxRetryAfter"/> each) come on top.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>First back-off step without <c>Retry-After</c>; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of one back-off step.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest <c>Retry-After</c> honoured; a server asking for more fails the call instead of stalling the run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Added to every <c>Retry-After</c>, so the retry lands after the server is ready again.</summary>
    public TimeSpan RetryAfterMargin { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
