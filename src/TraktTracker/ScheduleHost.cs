using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>The machine the schedule cmdlets plan for and change.</summary>
internal static class ScheduleHost
{
    /// <summary>This machine; tests aim it at a scratch home so no real unit, plist or task file is touched.</summary>
    internal static Func<ScheduleEnvironment> Machine { get; set; } = ScheduleEnvironment.Current;
}
