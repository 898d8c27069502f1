using System.Text;
using System.Xml.Linq;

namespace TraktTracker.Scheduling;

/// <summary>
/// A Windows scheduled task per job (\TraktTracker\Sync, \TraktTracker\Reconcile), written as task XML and
/// registered with <c>schtasks /Create /XML … /F</c> (which replaces). IgnoreNew keeps runs from overlapping;
/// StartWhenAvailable catches up a missed run. Elsewhere the XML is only written, for a Windows machine to import.
/// </summary>
internal sealed class TaskSchedulerBackend(ScheduleEnvironment environment, IRunReporter reporter) : IScheduleBackend
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    private static readonly ScheduledJob[] Jobs = [ScheduledJob.Sync, ScheduledJob.Reconcile];

    public ScheduleBackend Kind => ScheduleBackend.TaskScheduler;

    private string TaskDirectory => Path.Combine(environment.DataDirectory, "tasks");

    public ScheduleEntry Plan(JobSpec spec)
    {
        TimeZones.RequireLocalClock(spec, environment.LocalTimeZone, Kind);
        var (program, arguments) = Action(spec);
        var task = new XDocument(
            new XDeclaration("1.0", "UTF-16", null),
            new XElement(Ns + "Task", new XAttribute("version", "1.2"),
                new XElement(Ns + "RegistrationInfo",
                    new XElement(Ns + "Description", $"TraktTracker {spec.Name}. {spec.Metadata}"),
                    new XElement(Ns + "URI", "\\" + TaskName(spec.Job))),
                new XElement(Ns + "Triggers", TaskSchedulerTriggers.For(spec, Ns)),
                new XElement(Ns + "Principals",
                    new XElement(Ns + "Principal", new XAttribute("id", "Author"),
                        new XElement(Ns + "LogonType", "InteractiveToken"),
                        new XElement(Ns + "RunLevel", "LeastPrivilege"))),
                new XElement(Ns + "Settings",
                    new XElement(Ns + "MultipleInstancesPolicy", "IgnoreNew"),
                    new XElement(Ns + "DisallowStartIfOnBatteries", "false"),
                    new XElement(Ns + "StopIfGoingOnBatteries", "false"),
                    new XElement(Ns + "StartWhenAvailable", "true"),
                    new XElement(Ns + "ExecutionTimeLimit", "PT4H"),
                    new XElement(Ns + "Enabled", "true")),
                new XElement(Ns + "Actions", new XAttribute("Context", "Author"),
                    new XElement(Ns + "Exec",
                        new XElement(Ns + "Command", program),
                        new XElement(Ns + "Arguments", arguments)))));
        using var writer = new StringWriter();
        task.Save(writer);
        return Entry(spec.Metadata, program, arguments, writer.ToString() + Environment.NewLine);
    }

    public void Install(IReadOnlyList<ScheduleEntry> entries)
    {
        Directory.CreateDirectory(TaskDirectory);
        foreach (var entry in entries)
        {
            // schtasks reads task XML as UTF-16, as the declaration says.
            File.WriteAllText(entry.Location, entry.FileContent, Encoding.Unicode);
            Schtasks($"wrote {entry.Location}", "/Create", "/TN", TaskName(entry.Job), "/XML", entry.Location, "/F");
        }
    }

    public IReadOnlyList<ScheduleEntry> ReadInstalled()
    {
        var entries = new List<ScheduleEntry>();
        foreach (var path in Jobs.Select(TaskPath).Where(File.Exists))
        {
            var text = File.ReadAllText(path);
            var task = XDocument.Parse(text).Root!;
            var exec = task.Element(Ns + "Actions")?.Element(Ns + "Exec");
            var description = task.Element(Ns + "RegistrationInfo")?.Element(Ns + "Description")?.Value;
            if (description is not null && ScheduleMetadata.Find(description) is { } metadata && exec is not null)
            {
                entries.Add(Entry(metadata, exec.Element(Ns + "Command")?.Value ?? "", exec.Element(Ns + "Arguments")?.Value ?? "", text));
            }
        }

        return entries;
    }

    public void Remove(IReadOnlyList<ScheduleEntry> entries)
    {
        foreach (var entry in entries)
        {
            Schtasks($"will delete {entry.Location}", "/Delete", "/TN", TaskName(entry.Job), "/F");
            File.Delete(entry.Location);
        }
    }

    /// <summary>
    /// <c>cmd.exe /d /s /c "…"</c>: the only way a task action can set variables and append its output to a log.
    /// </summary>
    private static (string Program, string Arguments) Action(JobSpec spec)
    {
        var variables = spec.Command.Environment.Select(pair => $"set \"{pair.Key}={pair.Value}\" && ");
        var program = string.Join(" ", spec.Command.Arguments.Select(CommandQuoting.Windows));
        var line = string.Concat(variables) + $"{program} >> {CommandQuoting.Windows(spec.LogPath)} 2>&1";
        return ("%SystemRoot%\\System32\\cmd.exe", $"/d /s /c \"{line}\"");
    }

    private ScheduleEntry Entry(ScheduleMetadata metadata, string program, string arguments, string xml) =>
        metadata.ToEntry(Kind, $"{program} {arguments}", new ScheduleArtifact(TaskPath(metadata.Job), xml));

    private void Schtasks(string done, params string[] arguments)
    {
        var schtasks = environment.FindExecutable("schtasks");
        if (schtasks is null)
        {
            reporter.Warning($"schtasks is not on PATH (not Windows?): {done}, but 'schtasks {string.Join(" ", arguments)}' did not run.");
            return;
        }

        var result = ExternalCommand.Run(schtasks, arguments);
        if (!result.Succeeded)
        {
            throw new ScheduleException(ScheduleErrorKind.BackendFailed, $"'schtasks {string.Join(" ", arguments)}' failed: {result.Complaint}");
        }
    }

    private static string TaskName(ScheduledJob job) => $"TraktTracker\\{job}";

    private string TaskPath(ScheduledJob job) => Path.Combine(TaskDirectory, $"TraktTracker-{job}.xml");
}
