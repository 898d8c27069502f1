using TraktTracker.Sync;

namespace TraktTracker.Scheduling;

/// <summary>What the service mode tells its host, besides the engine's own reports.</summary>
public interface IServiceObserver
{
    /// <summary>Idle until <paramref name="next"/>.</summary>
    void Waiting(ServiceTick next);

    /// <summary>A job's step finished (a sync job may report a backfill first, then the sync).</summary>
    void Completed(ScheduledJob job, SyncSummary summary);

    /// <summary>A job failed in a way the next scheduled run may not repeat (Trakt or InfluxDB down, a busy store); the service goes on.</summary>
    void Failed(ScheduledJob job, Exception error);
}
