using System.Management.Automation;
using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>Get-TraktSchedule: the sync and reconcile entries installed in the OS schedulers, read back from them.</summary>
[Cmdlet(VerbsCommon.Get, "TraktSchedule", HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(ScheduleEntry))]
public sealed class GetTraktScheduleCommand : TraktScheduleCmdlet
{
    protected override void ProcessSchedule(ScheduleManager manager) => WriteObject(manager.Get(Backend), enumerateCollection: true);
}
