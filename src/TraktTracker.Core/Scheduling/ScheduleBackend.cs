namespace TraktTracker.Scheduling;

/// <summary>Which OS scheduler holds the schedule.</summary>
public enum ScheduleBackend
{
    /// <summary>Linux: a systemd user session when there is one, else cron; macOS: launchd; Windows: Task Scheduler.</summary>
    Auto,

    /// <summary>The user's crontab, edited through the <c>crontab</c> command.</summary>
    Cron,

    /// <summary>A systemd user timer and service in <c>~/.config/systemd/user</c>.</summary>
    Systemd,

    /// <summary>A launch agent in <c>~/Library/LaunchAgents</c>.</summary>
    Launchd,

    /// <summary>A Windows scheduled task, registered from task XML with <c>schtasks</c>.</summary>
    TaskScheduler,
}

/// <summary>The two jobs a schedule runs.</summary>
public enum ScheduledJob
{
    /// <summary>Incremental sync, on SYNC_CRON.</summary>
    Sync,

    /// <summary>Reconcile over the rolling window, on RECONCILE_CRON.</summary>
    Reconcile,
}
