using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>What every operation works with: one store, one client, one calendar, one reporter.</summary>
internal sealed record SyncContext(
    TrackerSettings Settings,
    StateStore Store,
    TraktClient Client,
    ProjectionCalendar Calendar,
    ProjectionStep Projection,
    IRunReporter Reporter,
    TimeProvider Time)
{
    /// <summary>Applies one unit of work in one transaction and counts it.</summary>
    public ChangeResult Apply(ChangeSet changes, RunTally tally)
    {
        var result = Store.ApplyChanges(changes, Calendar.OutboxKey);
        tally.Add(result);
        return result;
    }
}
