using System.Management.Automation;
using TraktTracker.State;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>Reset-TraktState: wipes the state store; -KeepAuth keeps the Trakt tokens. A damaged file is moved aside.</summary>
[Cmdlet(VerbsCommon.Reset, "TraktState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(StateResetResult))]
public sealed class ResetTraktStateCommand : TraktCmdlet
{
    /// <summary>Keeps the stored Trakt tokens, so no new Connect-Trakt is needed.</summary>
    [Parameter]
    public SwitchParameter KeepAuth { get; set; }

    /// <summary>Skips the confirmation prompt (for scripts and schedules). -WhatIf still wins.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        if (!File.Exists(settings.StateDbPath))
        {
            WriteVerbose($"There is no state store at {settings.StateDbPath}: nothing to reset.");
            return;
        }

        var action = KeepAuth
            ? "Delete all stored plays and sync state, keeping the Trakt tokens"
            : "Delete all stored plays, sync state and Trakt tokens";
        if (Confirmed(settings.StateDbPath, action))
        {
            // Under the run lock; a damaged file is moved aside (never deleted) with a warning.
            using var runtime = TrackerRuntime.OpenReset(settings, Reporter, KeepAuth, ct: Cancellation);
            WriteObject(runtime.LastReset);
        }
    }

    // -Force answers the prompt for unattended use; it never turns a -WhatIf dry run into a real one.
    private bool Confirmed(string target, string action) => (Force && !WhatIfRequested) || ShouldProcess(target, action);
}
