using System.Globalization;
using System.Text.RegularExpressions;

namespace TraktTracker.Scheduling;

/// <summary>
/// A systemd user timer plus a oneshot service per job (a oneshot unit never runs twice at once). OnCalendar
/// carries the time zone; Persistent=true catches up a run missed while the machine was off.
/// </summary>
internal sealed partial class SystemdBackend(ScheduleEnvironment environment, IRunReporter reporter) : IScheduleBackend
{
    private static readonly ScheduledJob[] Jobs = [ScheduledJob.Sync, ScheduledJob.Reconcile];

    private static readonly string[] WeekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly CronSyntax DateSyntax = new(v => v.ToString("00", CultureInfo.InvariantCulture), "..", (_, start, step) => $"{start:00}/{step}");

    private static readonly CronSyntax WeekdaySyntax = new(v => WeekdayNames[v], "..", null);

    public ScheduleBackend Kind => ScheduleBackend.Systemd;

    private string UnitDirectory => Path.Combine(
        environment.Variable("XDG_CONFIG_HOME") ?? Path.Combine(environment.HomeDirectory, ".config"), "systemd", "user");

    public ScheduleEntry Plan(JobSpec spec)
    {
        var command = ExecStart(spec.Command.Arguments);
        var timer = $"""
            # {spec.Metadata}
            [Unit]
            Description=TraktTracker {spec.Name} schedule ({spec.Cron}, {spec.ZoneId})

            [Timer]
            OnCalendar={OnCalendar(spec)}
            Persistent=true
            Unit={UnitName(spec.Job, "service")}

            [Install]
            WantedBy=timers.target

            """;
        var service = $"""
            # {spec.Metadata}
            [Unit]
            Description=TraktTracker {spec.Name}

            [Service]
            Type=oneshot
            {EnvironmentLine(spec.Command)}ExecStart={command}
            StandardOutput=append:{spec.LogPath.Replace("%", "%%")}
            StandardError=append:{spec.LogPath.Replace("%", "%%")}

            """;
        return Entry(spec.Metadata, command, timer, service);
    }

    public void Install(IReadOnlyList<ScheduleEntry> entries)
    {
        Directory.CreateDirectory(UnitDirectory);
        foreach (var artifact in entries.SelectMany(e => e.Artifacts))
        {
            File.WriteAllText(artifact.Location, artifact.Content);
        }

        var timers = entries.Select(e => UnitName(e.Job, "timer")).ToArray();
        Systemctl("daemon-reload");
        Systemctl(["enable", .. timers]);
        Systemctl(["restart", .. timers]);
    }

    public IReadOnlyList<ScheduleEntry> ReadInstalled()
    {
        var entries = new List<ScheduleEntry>();
        foreach (var job in Jobs)
        {
            var timerPath = UnitPath(job, "timer");
            var servicePath = UnitPath(job, "service");
            if (!File.Exists(timerPath) || !File.Exists(servicePath))
            {
                continue;
            }

            var timer = File.ReadAllText(timerPath);
            var service = File.ReadAllText(servicePath);
            if (ScheduleMetadata.Find(timer) is { } metadata && ExecStartLine().Match(service) is { Success: true } exec)
            {
                entries.Add(Entry(metadata, exec.Groups["command"].Value.TrimEnd(), timer, service));
            }
        }

        return entries;
    }

    public void Remove(IReadOnlyList<ScheduleEntry> entries)
    {
        Systemctl(["disable", "--now", .. entries.Select(e => UnitName(e.Job, "timer"))]);
        foreach (var artifact in entries.SelectMany(e => e.Artifacts))
        {
            File.Delete(artifact.Location);
        }

        Systemctl("daemon-reload");
    }

    /// <summary>
    /// The OnCalendar value for a cron expression: weekdays, date and time, plus the zone. Each field maps
    /// one to one (systemd ANDs weekday and day-of-month exactly as Cronos does).
    /// </summary>
    internal static string OnCalendar(JobSpec spec)
    {
        var fields = spec.Fields(ScheduleBackend.Systemd);
        var weekdays = fields.DaysOfWeek.IsEvery ? "" : fields.DaysOfWeek.Render(WeekdaySyntax) + " ";
        var date = $"*-{fields.Months.Render(DateSyntax)}-{fields.DaysOfMonth.Render(DateSyntax)}";
        var time = $"{fields.Hours.Render(DateSyntax)}:{fields.Minutes.Render(DateSyntax)}:00";
        return $"{weekdays}{date} {time} {spec.ZoneId}";
    }

    private ScheduleEntry Entry(ScheduleMetadata metadata, string command, string timer, string service) =>
        metadata.ToEntry(Kind, command,
        new ScheduleArtifact(UnitPath(metadata.Job, "timer"), timer), new ScheduleArtifact(UnitPath(metadata.Job, "service"), service));

    private static string ExecStart(IEnumerable<string> arguments)
        => string.Join(" ", arguments.Select(a => CommandQuoting.Systemd(a, expandsVariables: true)));

    private static string EnvironmentLine(JobCommand command) => command.Environment.Count == 0
        ? ""
        : "Environment=" + string.Join(" ", command.Environment.Select(p => CommandQuoting.Systemd($"{p.Key}={p.Value}", expandsVariables: false))) + "\n";

    private static string UnitName(ScheduledJob job, string type) => $"trakt-tracker-{job.ToString().ToLowerInvariant()}.{type}";

    private string UnitPath(ScheduledJob job, string type) => Path.Combine(UnitDirectory, UnitName(job, type));

    private void Systemctl(params string[] arguments)
    {
        var systemctl = environment.FindExecutable("systemctl");
        var commandLine = "systemctl --user " + string.Join(" ", arguments);
        if (systemctl is null)
        {
            reporter.Warning($"systemctl is not on PATH, so '{commandLine}' did not run; run it in your user session.");
            return;
        }

        var result = ExternalCommand.Run(systemctl, ["--user", .. arguments]);
        if (!result.Succeeded)
        {
            throw new ScheduleException(ScheduleErrorKind.BackendFailed,
                $"'{commandLine}' failed: {result.Complaint}. The unit files are in {UnitDirectory}. A systemd user "
                + "session is needed (log in, or 'loginctl enable-linger'); otherwise use -Backend Cron.");
        }
    }

    [GeneratedRegex(@"^ExecStart=(?<command>.+)$", RegexOptions.Multiline)]
    private static partial Regex ExecStartLine();
}
