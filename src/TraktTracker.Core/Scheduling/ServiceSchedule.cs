using Cronos;
using TraktTracker.Config;

namespace TraktTracker.Scheduling;

/// <summary>When the service mode runs next: the jobs due at that instant, sync before reconcile.</summary>
public sealed record ServiceTick(DateTimeOffset At, IReadOnlyList<ScheduledJob> Jobs);

/// <summary>
/// The service mode's timetable: SYNC_CRON and RECONCILE_CRON in TIMEZONE (DST-correct, through Cronos). Five
/// fields as the reference tool had, or six with seconds first (what tests use to see runs within seconds).
/// </summary>
public sealed class ServiceSchedule
{
    private readonly CronExpression _sync;
    private readonly CronExpression _reconcile;

    public ServiceSchedule(string syncCron, string reconcileCron, TimeZoneInfo zone)
    {
        _sync = CronText.Parse(syncCron, SettingNames.SyncCron, allowSeconds: true);
        _reconcile = CronText.Parse(reconcileCron, SettingNames.ReconcileCron, allowSeconds: true);
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    public static ServiceSchedule From(TrackerSettings settings) => new(settings.SyncCron, settings.ReconcileCron, settings.TimeZone);

    /// <summary>
    /// The first instant strictly after <paramref name="after"/> at which a job is due, with every job due then.
    /// Runs missed while an earlier job was still busy are not caught up: the next one after now counts (as the
    /// reference tool's scheduler coalesced them).
    /// </summary>
    public ServiceTick Next(DateTimeOffset after)
    {
        var sync = _sync.GetNextOccurrence(after, Zone);
        var reconcile = _reconcile.GetNextOccurrence(after, Zone);
        var at = Earliest(sync, reconcile) ?? throw new ConfigurationException(SettingNames.SyncCron,
            $"Neither SYNC_CRON nor RECONCILE_CRON fires after {after:u}: the service would never run. Use expressions that recur, e.g. '0 6,18 * * *'.");
        var jobs = new List<ScheduledJob>(2);
        if (sync == at)
        {
            jobs.Add(ScheduledJob.Sync);
        }

        if (reconcile == at)
        {
            jobs.Add(ScheduledJob.Reconcile);
        }

        return new ServiceTick(at, jobs);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a <= b ? a : b;
}
