namespace TraktTracker.Scheduling;

/// <summary>One thing a backend writes: a crontab line, a unit file, a plist, a task XML.</summary>
public sealed record ScheduleArtifact(string Location, string Content);

/// <summary>
/// One scheduled job as planned, installed or read back: what runs, when, and exactly what the OS scheduler
/// holds for it. <see cref="Location"/> and <see cref="FileContent"/> describe the main artifact (the crontab
/// line, the systemd timer, the plist, the task XML); <see cref="Artifacts"/> lists all of them.
/// </summary>
public sealed record ScheduleEntry
{
    public required ScheduleBackend Backend { get; init; }

    public required ScheduledJob Job { get; init; }

    /// <summary>The cron expression as the user gave it.</summary>
    public required string Cron { get; init; }

    /// <summary>IANA id of the zone the expression is read in.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The command the scheduler runs, in the scheduler's own syntax.</summary>
    public required string Command { get; init; }

    /// <summary>The file each run appends its output to.</summary>
    public required string LogPath { get; init; }

    public required IReadOnlyList<ScheduleArtifact> Artifacts { get; init; }

    public string Location => Artifacts[0].Location;

    public string FileContent => Artifacts[0].Content;

    /// <summary>Every artifact, for -WhatIf: the content alone when there is one, each under its location otherwise.</summary>
    public string Describe() => Artifacts.Count == 1
        ? FileContent
        : string.Join(Environment.NewLine, Artifacts.Select(a => $"{a.Location}:{Environment.NewLine}{a.Content}"));
}
