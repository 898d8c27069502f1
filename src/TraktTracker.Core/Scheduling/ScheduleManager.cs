using TraktTracker.Config;

namespace TraktTracker.Scheduling;

/// <summary>
/// The scheduling engine behind Register-, Get- and Unregister-TraktSchedule: plans the exact entries for sync
/// and reconcile, installs them (replacing, never duplicating), reads back and removes what is installed.
/// </summary>
public sealed class ScheduleManager(ScheduleEnvironment environment, IRunReporter reporter)
{
    private static readonly ScheduledJob[] Jobs = [ScheduledJob.Sync, ScheduledJob.Reconcile];

    /// <summary>Settings a scheduled run gets from the schedule itself rather than from its environment.</summary>
    private static readonly string[] CarriedBySchedule = [SettingNames.SyncCron, SettingNames.ReconcileCron, SettingNames.StateDbPath];

    /// <summary>The backend <see cref="ScheduleBackend.Auto"/> stands for on this machine.</summary>
    public ScheduleBackend Resolve(ScheduleBackend backend) => backend != ScheduleBackend.Auto ? backend : environment.Platform switch
    {
        SchedulePlatform.Windows => ScheduleBackend.TaskScheduler,
        SchedulePlatform.MacOS => ScheduleBackend.Launchd,
        _ => environment.HasSystemdUserSession ? ScheduleBackend.Systemd : ScheduleBackend.Cron,
    };

    /// <summary>The entries Register would install, exactly; nothing is touched (this is -WhatIf).</summary>
    public IReadOnlyList<ScheduleEntry> Plan(ScheduleRequest request)
    {
        RequireAbsolute(request.StateDbPath, "STATE_DB_PATH");
        if (request.ConfigPath is not null)
        {
            RequireAbsolute(request.ConfigPath, "CONFIG_PATH");
        }

        var backend = Create(Resolve(request.Backend));
        return Jobs.Select(job => backend.Plan(Spec(request, job))).ToList();
    }

    /// <summary>
    /// Installs the planned entries the host approves (<paramref name="shouldProcess"/>(target, action)),
    /// replacing earlier ones of the same jobs, and returns what it installed.
    /// </summary>
    public IReadOnlyList<ScheduleEntry> Register(ScheduleRequest request, Func<string, string, bool>? shouldProcess = null)
    {
        var planned = Plan(request);
        var approved = planned
            .Where(entry => shouldProcess?.Invoke(entry.Location,
                $"Install the {entry.Job} schedule ({entry.Cron}, {entry.TimeZone}):{Environment.NewLine}{entry.Describe()}") ?? true)
            .ToList();
        if (approved.Count == 0)
        {
            return approved;
        }

        Directory.CreateDirectory(environment.LogDirectory);
        Directory.CreateDirectory(environment.DataDirectory);
        var backend = approved[0].Backend;
        Create(backend).Install(approved);
        WarnAboutOtherBackends(backend);
        return approved;
    }

    /// <summary>What is installed; <see cref="ScheduleBackend.Auto"/> looks in every scheduler this OS has.</summary>
    public IReadOnlyList<ScheduleEntry> Get(ScheduleBackend backend = ScheduleBackend.Auto)
    {
        if (backend != ScheduleBackend.Auto)
        {
            return Create(backend).ReadInstalled();
        }

        return Candidates().SelectMany(ReadIfAvailable).ToList();
    }

    /// <summary>Removes the installed entries (of <paramref name="jobs"/> only, when given) the host approves and returns them.</summary>
    public IReadOnlyList<ScheduleEntry> Unregister(ScheduleBackend backend = ScheduleBackend.Auto, Func<string, string, bool>? shouldProcess = null,
        IReadOnlyCollection<ScheduledJob>? jobs = null)
    {
        var removed = Get(backend)
            .Where(entry => jobs is null || jobs.Contains(entry.Job))
            .Where(entry => shouldProcess?.Invoke(entry.Location, $"Remove the {entry.Job} schedule ({entry.Cron}, {entry.TimeZone})") ?? true)
            .ToList();
        foreach (var group in removed.GroupBy(entry => entry.Backend))
        {
            Create(group.Key).Remove(group.ToList());
        }

        return removed;
    }

    private JobSpec Spec(ScheduleRequest request, ScheduledJob job)
    {
        var name = job.ToString().ToLowerInvariant();
        return new JobSpec(
            job,
            request.CronFor(job),
            request.TimeZone,
            request.Launcher.CommandFor(job, request.ConfigPath, request.StateDbPath),
            Path.Combine(environment.LogDirectory, $"{name}.log"),
            Path.Combine(environment.DataDirectory, $"{name}.lock"));
    }

    private IScheduleBackend Create(ScheduleBackend backend) => backend switch
    {
        ScheduleBackend.Cron => new CronBackend(environment, reporter),
        ScheduleBackend.Systemd => new SystemdBackend(environment, reporter),
        ScheduleBackend.Launchd => new LaunchdBackend(environment, reporter),
        ScheduleBackend.TaskScheduler => new TaskSchedulerBackend(environment, reporter),
        _ => Create(Resolve(backend)),
    };

    private IEnumerable<ScheduleBackend> Candidates() => environment.Platform switch
    {
        SchedulePlatform.Windows => [ScheduleBackend.TaskScheduler],
        SchedulePlatform.MacOS => [ScheduleBackend.Launchd, ScheduleBackend.Cron],
        _ => [ScheduleBackend.Systemd, ScheduleBackend.Cron],
    };

    /// <summary>A scheduler this machine lacks (no crontab command) simply holds nothing.</summary>
    private IReadOnlyList<ScheduleEntry> ReadIfAvailable(ScheduleBackend backend)
    {
        try
        {
            return Create(backend).ReadInstalled();
        }
        catch (ScheduleException ex) when (ex.Kind == ScheduleErrorKind.BackendUnavailable)
        {
            return [];
        }
    }

    /// <summary>Two schedulers running the same jobs would sync twice; say so, but leave the other one alone.</summary>
    private void WarnAboutOtherBackends(ScheduleBackend installed)
    {
        foreach (var other in Candidates().Where(candidate => candidate != installed))
        {
            var jobs = ReadIfAvailable(other).Select(entry => entry.Job).ToList();
            if (jobs.Count > 0)
            {
                reporter.Warning($"A {other} schedule for {string.Join(" and ", jobs)} is installed too, so those jobs would run twice. "
                    + $"Remove it with: Unregister-TraktSchedule -Backend {other}");
            }
        }
    }

    /// <summary>
    /// Fails when a scheduled run of <paramref name="request"/> would not resolve a setting every run needs (the Trakt
    /// client; InfluxDB's settings when ENABLE_INFLUX is on): scheduled runs start with the scheduler's environment,
    /// not this session's, so a schedule relying on session variables would fail at every run. Other settings the
    /// runs would see differently are named in a warning.
    /// </summary>
    /// <exception cref="ConfigurationException">Names every missing setting and the fix.</exception>
    public void CheckScheduledSettings(ScheduleRequest request)
    {
        var scheduled = SettingsLoader.Load(ScheduledOverrides(request), ScheduledEnvironment());
        var missing = scheduled.MissingForRuns();
        if (missing.Count > 0)
        {
            var config = request.ConfigPath ?? "a config.toml passed with -ConfigPath";
            throw new ConfigurationException(missing[0],
                $"Scheduled runs would not find {string.Join(", ", missing)}, because they do not inherit this session's environment variables, "
                + $"so every run would fail. Put these settings in {config}, or add -SaveSettings to write this session's settings into a "
                + "private config file that the schedule reads.");
        }

        WarnAboutSessionOnlySettings(request);
    }

    // The scheduled run's own CONFIG_PATH and STATE_DB_PATH, which the entry carries.
    private static Dictionary<string, string?> ScheduledOverrides(ScheduleRequest request) => new(StringComparer.Ordinal)
    {
        [SettingNames.ConfigPath] = request.ConfigPath is { } config && File.Exists(config) ? config : null,
        [SettingNames.StateDbPath] = request.StateDbPath,
    };

    // This machine's environment without any TraktTracker setting: what a scheduler starts a run with.
    private System.Collections.Hashtable ScheduledEnvironment()
    {
        var scheduled = new System.Collections.Hashtable(StringComparer.Ordinal);
        foreach (var (name, value) in environment.Variables.Where(pair => !SettingNames.FileSettable.Contains(pair.Key) && pair.Key != SettingNames.ConfigPath))
        {
            scheduled[name] = value;
        }

        return scheduled;
    }

    /// <summary>
    /// Settings set as environment variables here that scheduled runs, which start with the scheduler's own
    /// environment, would not resolve to the same value. Names only: values may be secrets.
    /// </summary>
    private void WarnAboutSessionOnlySettings(ScheduleRequest request)
    {
        var scheduled = SettingsLoader.RawValues(ScheduledOverrides(request), ScheduledEnvironment());
        var names = SettingNames.FileSettable.Except(CarriedBySchedule)
            .Where(name => environment.Variable(name) is { } value && scheduled.GetValueOrDefault(name) != value)
            .Order().ToList();
        if (names.Count > 0)
        {
            var config = request.ConfigPath ?? "a config.toml passed with -ConfigPath";
            reporter.Warning($"Scheduled runs do not inherit this session's environment variables, so they will not see this session's values of {string.Join(", ", names)}. "
                + $"Put these settings in {config}, or register with -SaveSettings.");
        }
    }

    private static void RequireAbsolute(string path, string setting)
    {
        if (!Path.IsPathRooted(path))
        {
            throw new ScheduleException(ScheduleErrorKind.InvalidSchedule,
                $"{setting} must be an absolute path for a schedule (scheduled runs start in another folder), but it is '{path}'.");
        }
    }
}
