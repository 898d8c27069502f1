using System.Text.RegularExpressions;

namespace TraktTracker.Scheduling;

/// <summary>
/// The user's crontab: each job is a line in TraktTracker's marked block, preceded by CRON_TZ, wrapped in
/// <c>flock -n</c> so a run never overlaps the previous one, appending its output to the job's log.
/// </summary>
internal sealed partial class CronBackend(ScheduleEnvironment environment, IRunReporter reporter) : IScheduleBackend
{
    private readonly Crontab crontab = new(environment);

    public ScheduleBackend Kind => ScheduleBackend.Cron;

    public ScheduleEntry Plan(JobSpec spec)
    {
        var fields = spec.Fields(Kind);
        fields.RequireSingleDayField(spec.Cron, spec.Job, Kind);
        var when = string.Join(" ", new[] { fields.Minutes, fields.Hours, fields.DaysOfMonth, fields.Months, fields.DaysOfWeek }
            .Select(set => set.Render(CronSyntax.Crontab)));
        var command = Command(spec);
        var chunk = $"# {spec.Metadata}\nCRON_TZ={spec.ZoneId}\n{when} {command}";
        return Entry(spec.Metadata, command, chunk);
    }

    public void Install(IReadOnlyList<ScheduleEntry> entries)
    {
        WarnIfZoneMayBeIgnored(entries);
        var block = CrontabBlock.Parse(crontab.Read());
        var kept = ReadChunks(block).Where(e => entries.All(n => n.Job != e.Job));
        var chunks = kept.Concat(entries).OrderBy(e => e.Job).Select(e => e.FileContent).ToList();
        crontab.Write(block.Render(chunks));
    }

    public IReadOnlyList<ScheduleEntry> ReadInstalled() => ReadChunks(CrontabBlock.Parse(crontab.Read()));

    public void Remove(IReadOnlyList<ScheduleEntry> entries)
    {
        var block = CrontabBlock.Parse(crontab.Read());
        var chunks = ReadChunks(block).Where(e => entries.All(r => r.Job != e.Job)).Select(e => e.FileContent).ToList();
        crontab.Write(block.Render(chunks));
    }

    private IReadOnlyList<ScheduleEntry> ReadChunks(CrontabBlock block)
    {
        var entries = new List<ScheduleEntry>();
        foreach (var chunk in block.Chunks)
        {
            var job = JobLine().Match(chunk);
            if (ScheduleMetadata.Find(chunk) is { } metadata && job.Success)
            {
                entries.Add(Entry(metadata, job.Groups["command"].Value.TrimEnd(), chunk));
            }
        }

        return entries;
    }

    private ScheduleEntry Entry(ScheduleMetadata metadata, string command, string chunk) =>
        metadata.ToEntry(Kind, command, new ScheduleArtifact(crontab.Location, chunk));

    /// <summary>
    /// <c>VAR='…' flock -n 'lock' 'program' args… &gt;&gt; 'log' 2&gt;&amp;1</c>, with % escaped because cron
    /// turns a bare % into a newline.
    /// </summary>
    private string Command(JobSpec spec)
    {
        var flock = environment.FindExecutable("flock")
            ?? throw new ScheduleException(ScheduleErrorKind.BackendUnavailable,
                "The Cron backend needs the 'flock' command (util-linux) so that a run never overlaps the previous one, "
                + "but it is not on PATH. Install it (Debian/Ubuntu: apt-get install util-linux; macOS: brew install flock) "
                + "or choose another -Backend (Systemd, Launchd).");
        var words = spec.Command.Environment.Select(pair => $"{pair.Key}={CommandQuoting.Posix(pair.Value)}")
            .Append(CommandQuoting.Posix(flock))
            .Append("-n")
            .Append(CommandQuoting.Posix(spec.LockPath))
            .Concat(spec.Command.Arguments.Select(CommandQuoting.Posix))
            .Append(">>")
            .Append(CommandQuoting.Posix(spec.LogPath))
            .Append("2>&1");
        return string.Join(" ", words).Replace("%", "\\%");
    }

    private void WarnIfZoneMayBeIgnored(IReadOnlyList<ScheduleEntry> entries)
    {
        var local = TimeZones.IanaId(environment.LocalTimeZone);
        foreach (var zone in entries.Select(e => e.TimeZone).Where(zone => zone != local).Distinct())
        {
            reporter.Warning($"The crontab entries set CRON_TZ={zone}. cronie (Fedora, RHEL, Arch) honours it; cron "
                + $"without CRON_TZ support (Debian's and Ubuntu's) runs them in the system time zone ({local}) instead. "
                + $"With such a cron, register with -TimeZone {local} (adjusting the hours), or use -Backend Systemd.");
        }
    }

    /// <summary>The job line of a chunk: five time fields, then the command.</summary>
    [GeneratedRegex(@"^(?!#|CRON_TZ=)\s*(?:\S+\s+){5}(?<command>.+)$", RegexOptions.Multiline)]
    private static partial Regex JobLine();
}
