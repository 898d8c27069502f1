using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// What every operation of one run works with: one store, one client, one calendar, one reporter; the client's
/// request count when the run began, and whether the caller wants the new plays back.
/// </summary>
internal sealed record SyncContext(
    TrackerSettings Settings,
    StateStore Store,
    TraktClient Client,
    ProjectionCalendar Calendar,
    ProjectionStep Projection,
    IRunReporter Reporter,
    TimeProvider Time,
    int ApiCallsAtStart,
    bool KeepNewPlays)
{
    /// <summary>Applies one unit of work in one transaction and counts it.</summary>
    public ChangeResult Apply(ChangeSet changes, RunTally tally)
    {
        var result = Store.ApplyChanges(changes, Calendar.OutboxKey);
        tally.Add(result);
        return result;
    }

    /// <summary><see cref="SyncMeta.Baseline"/>, telling the user when the activities were too fresh to keep.</summary>
    public Dictionary<string, string?> Baseline(LastActivities activities, DateTimeOffset? cursor, DateTimeOffset now)
    {
        if (!activities.SafeAsBaseline)
        {
            Reporter.Verbose("Trakt's last activities fall in the second they were read (a change later in that second would not move them): the next sync looks again.");
        }

        return SyncMeta.Baseline(activities, cursor, now);
    }
}
