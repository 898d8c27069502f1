using System.Xml.Linq;

namespace TraktTracker.Scheduling;

/// <summary>
/// A launch agent per job in ~/Library/LaunchAgents. launchd never starts a job that is still running, and
/// runs a missed calendar interval after wake. It has no ranges or steps, so fields expand into one
/// StartCalendarInterval dictionary per combination of values.
/// </summary>
internal sealed class LaunchdBackend(ScheduleEnvironment environment, IRunReporter reporter) : IScheduleBackend
{
    /// <summary>More intervals than this means the expression is too fine for a readable plist.</summary>
    internal const int MaxIntervals = 500;

    private static readonly ScheduledJob[] Jobs = [ScheduledJob.Sync, ScheduledJob.Reconcile];

    public ScheduleBackend Kind => ScheduleBackend.Launchd;

    private string AgentDirectory => Path.Combine(environment.HomeDirectory, "Library", "LaunchAgents");

    public ScheduleEntry Plan(JobSpec spec)
    {
        TimeZones.RequireLocalClock(spec, environment.LocalTimeZone, Kind);
        var intervals = Intervals(spec);
        var metadata = spec.Metadata.ToString();
        if (metadata.Contains("--"))
        {
            throw new ScheduleException(ScheduleErrorKind.InvalidSchedule,
                $"The launchd plist cannot record '{metadata}' in an XML comment because it contains '--'; use a log folder without '--'.");
        }

        var dict = new XElement("dict",
            Key("Label"), new XElement("string", Label(spec.Job)),
            Key("ProgramArguments"), new XElement("array", spec.Command.Arguments.Select(a => new XElement("string", a))));
        if (spec.Command.Environment.Count > 0)
        {
            dict.Add(Key("EnvironmentVariables"), new XElement("dict",
                spec.Command.Environment.SelectMany(pair => new[] { Key(pair.Key), new XElement("string", pair.Value) })));
        }

        dict.Add(
            Key("StartCalendarInterval"), new XElement("array", intervals),
            Key("StandardOutPath"), new XElement("string", spec.LogPath),
            Key("StandardErrorPath"), new XElement("string", spec.LogPath),
            Key("ProcessType"), new XElement("string", "Background"));
        var plist = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null),
            new XElement("plist", new XAttribute("version", "1.0"), new XComment($" {metadata} "), dict));
        return Entry(spec.Metadata, spec.Command.Arguments, Render(plist));
    }

    public void Install(IReadOnlyList<ScheduleEntry> entries)
    {
        Directory.CreateDirectory(AgentDirectory);
        foreach (var entry in entries)
        {
            Launchctl(entry, "unload", mustSucceed: false);
            File.WriteAllText(entry.Location, entry.FileContent);
            Launchctl(entry, "load", mustSucceed: true);
        }
    }

    public IReadOnlyList<ScheduleEntry> ReadInstalled()
    {
        var entries = new List<ScheduleEntry>();
        foreach (var path in Jobs.Select(PlistPath).Where(File.Exists))
        {
            var text = File.ReadAllText(path);
            var document = XDocument.Parse(text);
            var comment = document.Root?.Nodes().OfType<XComment>().FirstOrDefault()?.Value;
            var arguments = ValueAfterKey(document.Root?.Element("dict"), "ProgramArguments")?.Elements("string").Select(e => e.Value).ToList();
            if (comment is not null && ScheduleMetadata.Find(comment) is { } metadata && arguments is not null)
            {
                entries.Add(Entry(metadata, arguments, text));
            }
        }

        return entries;
    }

    public void Remove(IReadOnlyList<ScheduleEntry> entries)
    {
        foreach (var entry in entries)
        {
            Launchctl(entry, "unload", mustSucceed: false);
            File.Delete(entry.Location);
        }
    }

    /// <summary>One dictionary per combination of the restricted fields; a missing key is launchd's wildcard.</summary>
    private IReadOnlyList<XElement> Intervals(JobSpec spec)
    {
        var fields = spec.Fields(Kind);
        fields.RequireSingleDayField(spec.Cron, spec.Job, Kind);
        var keyed = new[]
            {
                ("Month", fields.Months), ("Day", fields.DaysOfMonth), ("Weekday", fields.DaysOfWeek),
                ("Hour", fields.Hours), ("Minute", fields.Minutes),
            }
            .Where(field => !field.Item2.IsEvery)
            .ToList();
        var count = keyed.Aggregate(1L, (product, field) => product * field.Item2.Values.Count);
        if (count > MaxIntervals)
        {
            throw CronFields.NotExpressible(spec.Cron, spec.Job, Kind,
                $"launchd has no ranges or steps, so it would take {count} StartCalendarInterval entries (at most {MaxIntervals}); "
                + "use fewer values, or the Cron or Systemd backend");
        }

        IEnumerable<IEnumerable<XElement>> combinations = [[]];
        foreach (var (key, set) in keyed)
        {
            combinations = combinations.SelectMany(prefix => set.Values.Select(value => prefix.Append(Key(key)).Append(new XElement("integer", value))));
        }

        return combinations.Select(pairs => new XElement("dict", pairs)).ToList();
    }

    private ScheduleEntry Entry(ScheduleMetadata metadata, IEnumerable<string> arguments, string plist) =>
        metadata.ToEntry(Kind, string.Join(" ", arguments.Select(CommandQuoting.Posix)), new ScheduleArtifact(PlistPath(metadata.Job), plist));

    private void Launchctl(ScheduleEntry entry, string verb, bool mustSucceed)
    {
        var launchctl = environment.FindExecutable("launchctl");
        if (launchctl is null)
        {
            if (mustSucceed)
            {
                reporter.Warning($"launchctl is not on PATH (not macOS?): {entry.Location} was written but not loaded.");
            }

            return;
        }

        var result = ExternalCommand.Run(launchctl, verb == "load" ? ["load", "-w", entry.Location] : [verb, entry.Location]);
        if (mustSucceed && !result.Succeeded)
        {
            throw new ScheduleException(ScheduleErrorKind.BackendFailed,
                $"'launchctl {verb} {entry.Location}' failed: {result.Complaint}. Check the plist with 'plutil -lint'.");
        }
    }

    private static XElement? ValueAfterKey(XElement? dict, string key)
        => dict?.Elements("key").FirstOrDefault(k => k.Value == key)?.ElementsAfterSelf().FirstOrDefault();

    private static XElement Key(string name) => new("key", name);

    private static string Label(ScheduledJob job) => $"org.trakttracker.{job.ToString().ToLowerInvariant()}";

    private string PlistPath(ScheduledJob job) => Path.Combine(AgentDirectory, Label(job) + ".plist");

    private static string Render(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + "\n";
    }
}
