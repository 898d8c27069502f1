namespace TraktTracker.Trakt;

/// <summary>Spaces request starts at least <c>interval</c> apart (TRAKT_MIN_REQUEST_INTERVAL_SECONDS).</summary>
internal sealed class RequestThrottle
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    public RequestThrottle(TimeSpan interval, TimeProvider time)
    {
        _interval = interval;
        _time = time;
    }

    public Task WaitTurnAsync(CancellationToken ct)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        // Each caller books the next free slot under the lock, then waits outside it.
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var start = _nextStart > now ? _nextStart : now;
            _nextStart = start + _interval;
            wait = start - now;
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, ct) : Task.CompletedTask;
    }
}
