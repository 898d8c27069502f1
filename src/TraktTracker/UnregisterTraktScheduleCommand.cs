using System.Management.Automation;
using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>
/// Unregister-TraktSchedule: removes TraktTracker's sync and reconcile entries, and nothing else, from the OS
/// schedulers. Medium impact: Register-TraktSchedule puts them back, so it does not ask unless -Confirm.
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "TraktSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(ScheduleEntry))]
public sealed class UnregisterTraktScheduleCommand : TraktScheduleCmdlet
{
    /// <summary>Only these jobs; both when omitted. Binds from piped entries: Get-TraktSchedule | Unregister-TraktSchedule.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ScheduledJob[]? Job { get; set; }

    /// <summary>Writes the removed entries.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // Each piped entry is its own item: one that cannot be removed does not stop the others.
    protected override bool ConcernsOneItem => true;

    protected override void ProcessSchedule(ScheduleManager manager)
    {
        var removed = manager.Unregister(Backend, ShouldProcess, Job);
        if (removed.Count == 0)
        {
            WriteVerbose($"No TraktTracker schedule {(Job is null ? "" : $"for {string.Join(" and ", Job)} ")}is installed or approved (backend {Backend}): nothing to remove.");
        }
        else if (PassThru)
        {
            WriteObject(removed, enumerateCollection: true);
        }
    }
}
