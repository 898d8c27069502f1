using System.Globalization;
using Polly;
using Polly.Retry;

namespace TraktTracker.Retrying;

/// <summary>Why an attempt failed, when it is worth another try, and how long the server asked to wait.</summary>
internal sealed record RetryReason(string Why, TimeSpan? RetryAfter = null);

/// <summary>
/// Retries one request within a <see cref="RetryPolicy"/> (Polly): each attempt gets a time limit, each retry is
/// announced at INFO (what, why, when the next try is), and retrying stops when the next back-off would overrun
/// the policy's budget, so the caller gets the last real failure in bounded time.
/// </summary>
internal sealed class BoundedRetry<T>
{
    /// <summary>Waits at least this long also show as progress (a module user sees the wait, not a frozen prompt).</summary>
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(10);

    private static readonly ResiliencePropertyKey<Attempts> AttemptsKey = new("TraktTracker.Attempts");

    private readonly RetryPolicy _policy;
    private readonly IRunReporter _reporter;
    private readonly string _activity;
    private readonly Func<Outcome<T>, CancellationToken, RetryReason?> _classify;
    private readonly ResiliencePipeline<T> _pipeline;

    /// <param name="activity">Progress activity of long waits, e.g. "Waiting for Trakt".</param>
    /// <param name="classify">The reason to retry an outcome, or null when it is final (success, or a failure retrying cannot fix).</param>
    public BoundedRetry(RetryPolicy policy, IRunReporter reporter, string activity, Func<Outcome<T>, CancellationToken, RetryReason?> classify)
    {
        _policy = policy;
        _reporter = reporter;
        _activity = activity;
        _classify = classify;
        _pipeline = policy.MaxRetries <= 0 ? ResiliencePipeline<T>.Empty : Build();
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds or fails for good; <paramref name="what"/> names the request in log lines.</summary>
    public async Task<T> ExecuteAsync(string what, Func<Attempts, CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        var attempts = new Attempts(_policy, what);
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(AttemptsKey, attempts);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (context, state) => await state.attempt(state.attempts, context.CancellationToken).ConfigureAwait(false),
                context, (attempt, attempts)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            attempts.EndWait(_reporter, _activity);
        }
    }

    private ResiliencePipeline<T> Build() => new ResiliencePipelineBuilder<T> { TimeProvider = _policy.Time }
        .AddRetry(new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = _policy.MaxRetries,
            ShouldHandle = args =>
            {
                var attempts = args.Context.Properties.GetValue(AttemptsKey, null!);
                var reason = _classify(args.Outcome, args.Context.CancellationToken);
                return ValueTask.FromResult(reason is not null && attempts.PlanRetry(reason, args.AttemptNumber));
            },
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(AttemptsKey, null!).NextDelay),
            OnRetry = args =>
            {
                args.Context.Properties.GetValue(AttemptsKey, null!).Announce(_reporter, _activity, args.AttemptNumber + 1);
                return default;
            },
        })
        .Build();

    /// <summary>One request's attempts so far: the time spent failing, the planned next delay, the wait shown.</summary>
    internal sealed class Attempts(RetryPolicy policy, string what)
    {
        private readonly TimeProvider _time = policy.Time;
        private readonly DateTimeOffset _started = policy.Time.GetUtcNow();
        private TimeSpan _spent;
        private long? _attemptStart;
        private RetryReason? _reason;
        private bool _waitShown;

        public TimeSpan NextDelay { get; private set; }

        /// <summary>How many attempts ran.</summary>
        public int Count { get; private set; }

        public TimeSpan Elapsed => _time.GetUtcNow() - _started;

        /// <summary>
        /// Starts the network part of an attempt (after any rate-limit wait): its token is cancelled after the request
        /// timeout or when the budget runs out, whichever is first.
        /// </summary>
        public AttemptTimer Begin(CancellationToken ct)
        {
            Count++;
            _attemptStart = _time.GetTimestamp();
            var remaining = policy.Budget - _spent;
            var limit = remaining < policy.RequestTimeout && remaining > TimeSpan.Zero ? remaining : policy.RequestTimeout;
            return new AttemptTimer(limit, _time, ct);
        }

        /// <summary>Counts the failed attempt; decides whether another one fits the budget, and after which delay.</summary>
        public bool PlanRetry(RetryReason reason, int attemptNumber)
        {
            if (_attemptStart is { } start)
            {
                _spent += _time.GetElapsedTime(start);
                _attemptStart = null;
            }

            _reason = reason;
            if (reason.RetryAfter is { } after)
            {
                // The server said when: honoured (outside the budget) unless it asks for too long.
                NextDelay = after + policy.RetryAfterMargin;
                return after <= policy.MaxRetryAfter;
            }

            NextDelay = Backoff(attemptNumber);
            if (_spent + NextDelay >= policy.Budget)
            {
                return false;
            }

            _spent += NextDelay;
            return true;
        }

        public void Announce(IRunReporter reporter, string activity, int retry)
        {
            var at = _time.GetLocalNow() + NextDelay;
            var when = $"in {Seconds(NextDelay)} (at {at.ToString("HH:mm:ss", CultureInfo.InvariantCulture)})";
            reporter.Info($"{what}: {_reason!.Why}; retry {retry} of {policy.MaxRetries} {when}.");
            if (NextDelay >= LongWait)
            {
                _waitShown = true;
                reporter.Progress(activity, $"{what}: {_reason.Why}; next try {when}", -1);
            }
        }

        public void EndWait(IRunReporter reporter, string activity)
        {
            if (_waitShown)
            {
                reporter.ProgressCompleted(activity);
            }
        }

        /// <summary>What giving up looks like in a message: how many attempts over how long, and which settings bound them.</summary>
        public string Summary(string settings) =>
            $"Gave up after {Count} attempt{(Count == 1 ? "" : "s")} in {Seconds(Elapsed)} ({settings}).";

        /// <summary>Exponential with jitter (0.8–1.2×), so concurrent callers do not retry in lockstep.</summary>
        private TimeSpan Backoff(int attemptNumber)
        {
            var exponential = policy.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNumber, 30));
            var capped = Math.Min(exponential, policy.MaxDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture);
    }
}

/// <summary>The time limit of one attempt's network part; tells a timeout apart from the caller's stop.</summary>
internal sealed class AttemptTimer : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public AttemptTimer(TimeSpan limit, TimeProvider time, CancellationToken caller)
    {
        Limit = limit;
        _timeout = new CancellationTokenSource(limit, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timeout.Token);
    }

    public TimeSpan Limit { get; }

    public CancellationToken Token => _linked.Token;

    /// <summary>The attempt ran out of time (not: the caller stopped).</summary>
    public bool TimedOut(Exception ex) => ex is OperationCanceledException && _timeout.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
