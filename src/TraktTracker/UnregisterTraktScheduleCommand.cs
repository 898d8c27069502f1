using System.Management.Automation;
using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>
/// Unregister-TraktSchedule: removes TraktTracker's sync and reconcile entries, and nothing else, from the OS
/// schedulers. Medium impact: Register-TraktSchedule puts them back, so it does not ask unless -Confirm.
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "TraktSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ScheduleEntry))]
public sealed class UnregisterTraktScheduleCommand : TraktScheduleCmdlet
{
    /// <summary>Writes the removed entries.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessSchedule(ScheduleManager manager)
    {
        if (manager.Get(Backend).Count == 0)
        {
            WriteVerbose($"No TraktTracker schedule is installed (backend {Backend}): nothing to remove.");
            return;
        }

        var removed = manager.Unregister(Backend, ShouldProcess);
        if (PassThru)
        {
            WriteObject(removed, enumerateCollection: true);
        }
    }
}
