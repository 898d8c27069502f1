namespace TraktTracker.Simulator;

/// <summary>
/// Hands out the "now" that <c>last_activities</c> reports after a change. Trakt reports whole seconds, so two
/// changes in one second give the same value (a sync engine must not trust a baseline read in that second); with
/// <see cref="SimulatorOptions.WholeSecondActivities"/> off, milliseconds, strictly increasing.
/// </summary>
internal sealed class ActivityClock(SimulatorOptions options)
{
    private readonly object _gate = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public DateTimeOffset Next()
    {
        lock (_gate)
        {
            var now = TraktTime.TruncateToMilliseconds(DateTimeOffset.UtcNow);
            if (options.WholeSecondActivities)
            {
                now = TraktTime.TruncateToSeconds(now);
                _last = now > _last ? now : _last;
            }
            else
            {
                _last = now > _last ? now : _last.AddMilliseconds(1);
            }

            return _last;
        }
    }
}
