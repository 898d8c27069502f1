using TraktTracker.Config;

namespace TraktTracker.Scheduling;

/// <summary>What Register-TraktSchedule asks for: when both jobs run, in which zone, and how a run starts.</summary>
public sealed record ScheduleRequest
{
    public ScheduleBackend Backend { get; init; } = ScheduleBackend.Auto;

    public required string SyncCron { get; init; }

    public required string ReconcileCron { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public required ScheduleLauncher Launcher { get; init; }

    /// <summary>The config.toml each run reads; null when the run relies on environment and defaults.</summary>
    public string? ConfigPath { get; init; }

    public required string StateDbPath { get; init; }

    /// <summary>SYNC_CRON, RECONCILE_CRON, TIMEZONE, CONFIG_PATH and STATE_DB_PATH from resolved settings.</summary>
    public static ScheduleRequest FromSettings(TrackerSettings settings, ScheduleLauncher launcher) => new()
    {
        SyncCron = settings.SyncCron,
        ReconcileCron = settings.ReconcileCron,
        TimeZone = settings.TimeZone,
        Launcher = launcher,
        ConfigPath = settings.ConfigPath,
        StateDbPath = settings.StateDbPath,
    };

    internal string CronFor(ScheduledJob job) => job == ScheduledJob.Sync ? SyncCron : ReconcileCron;
}

/// <summary>One job, ready for a backend to render: expression, zone, command, log and lock files.</summary>
internal sealed record JobSpec(ScheduledJob Job, string Cron, TimeZoneInfo Zone, JobCommand Command, string LogPath, string LockPath)
{
    /// <summary>Lower-case job name used in file and unit names.</summary>
    public string Name => Job == ScheduledJob.Sync ? "sync" : "reconcile";

    public string ZoneId => TimeZones.IanaId(Zone);

    public ScheduleMetadata Metadata => new(Job, Cron, ZoneId, LogPath);

    public CronFields Fields(ScheduleBackend backend) => CronFields.Parse(Cron, Job, backend);
}
