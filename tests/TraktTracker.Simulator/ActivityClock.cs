namespace TraktTracker.Simulator;

/// <summary>
/// Hands out "now" at millisecond precision, strictly increasing, so two bumps in the same millisecond
/// still give different <c>last_activities</c> values (a sync engine compares them for equality).
/// </summary>
internal sealed class ActivityClock
{
    private readonly object _gate = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public DateTimeOffset Next()
    {
        lock (_gate)
        {
            var now = TraktTime.TruncateToMilliseconds(DateTimeOffset.UtcNow);
            _last = now > _last ? now : _last.AddMilliseconds(1);
            return _last;
        }
    }
}
