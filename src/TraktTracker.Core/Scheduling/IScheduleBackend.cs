namespace TraktTracker.Scheduling;

/// <summary>One OS scheduler: renders jobs into its own syntax, and installs, reads back and removes them.</summary>
internal interface IScheduleBackend
{
    ScheduleBackend Kind { get; }

    /// <summary>The exact entry for one job, or a <see cref="ScheduleException"/> when this scheduler cannot express it.</summary>
    ScheduleEntry Plan(JobSpec spec);

    /// <summary>Installs the entries, replacing what was installed for the same jobs; other jobs stay as they are.</summary>
    void Install(IReadOnlyList<ScheduleEntry> entries);

    /// <summary>What is installed now, read from the scheduler's own storage.</summary>
    IReadOnlyList<ScheduleEntry> ReadInstalled();

    /// <summary>Removes installed entries (as returned by <see cref="ReadInstalled"/>).</summary>
    void Remove(IReadOnlyList<ScheduleEntry> entries);
}
