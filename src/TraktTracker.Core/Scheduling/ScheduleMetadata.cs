using System.Text.RegularExpressions;

namespace TraktTracker.Scheduling;

/// <summary>
/// The tag every artifact carries (in a comment or description) so Get-TraktSchedule can read back which job,
/// expression, zone and log file it belongs to; OS scheduler syntax cannot be turned back into cron.
/// </summary>
internal sealed partial record ScheduleMetadata(ScheduledJob Job, string Cron, string TimeZone, string LogPath)
{
    public const string Tag = "trakt-tracker";

    /// <summary>The entry a backend reports for these metadata, its command and what it wrote.</summary>
    public ScheduleEntry ToEntry(ScheduleBackend backend, string command, params ScheduleArtifact[] artifacts) => new()
    {
        Backend = backend,
        Job = Job,
        Cron = Cron,
        TimeZone = TimeZone,
        Command = command,
        LogPath = LogPath,
        Artifacts = artifacts,
    };

    public override string ToString() => $"{Tag} job={Job} tz={TimeZone} cron=\"{Cron}\" log=\"{LogPath}\"";

    public static ScheduleMetadata? Find(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success || !Enum.TryParse<ScheduledJob>(match.Groups["job"].Value, out var job))
        {
            return null;
        }

        return new ScheduleMetadata(job, match.Groups["cron"].Value, match.Groups["tz"].Value, match.Groups["log"].Value);
    }

    [GeneratedRegex("trakt-tracker job=(?<job>\\w+) tz=(?<tz>\\S+) cron=\"(?<cron>[^\"]*)\" log=\"(?<log>[^\"\\r\\n]*)\"")]
    private static partial Regex Pattern();
}
