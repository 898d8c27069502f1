using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;

namespace TraktTracker.Sync;

/// <summary>
/// Drains the InfluxDB outbox at the end of a run. When InfluxDB is off (ENABLE_INFLUX=false, -NoInflux) the
/// dirty days simply stay pending, so a later run with InfluxDB projects them (unlike the reference tool).
/// </summary>
internal sealed class ProjectionStep(TrackerSettings settings, Lazy<InfluxProjector> projector, IRunReporter reporter)
{
    public async Task RunAsync(StateStore store, RunOptions options, RunTally tally, CancellationToken ct)
    {
        var pending = store.GetDirtyDays().Count;
        if (!settings.EnableInflux || options.NoInflux || pending == 0)
        {
            tally.DaysPending = pending;
            if (pending > 0)
            {
                reporter.Verbose($"{pending} day(s) stay pending for InfluxDB (InfluxDB is {(options.NoInflux ? "skipped by -NoInflux" : "disabled")}).");
            }

            return;
        }

        reporter.Verbose($"Projecting {pending} day(s) of plays and daily aggregates to InfluxDB.");
        var result = await projector.Value.ProjectAsync(store, ct).ConfigureAwait(false);
        tally.DaysProjected = result.DaysProjected;
        tally.DaysPending = result.DaysPending;
    }
}
