using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.State;

namespace TraktTracker.Commands;

/// <summary>Reset-TraktState: wipes the state store; -KeepAuth keeps the Trakt tokens. A damaged file is moved aside.</summary>
[Cmdlet(VerbsCommon.Reset, "TraktState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
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
            WriteObject(Reset(settings));
        }
    }

    private StateResetResult Reset(TrackerSettings settings)
    {
        // Held across the open, so a damaged file is never moved from under another run.
        using var runLock = RunLock.Acquire(settings.StateDbPath, TimeSpan.FromSeconds(settings.LockTimeoutSeconds), Reporter);
        try
        {
            using var runtime = OpenRuntime(settings, exclusive: false);
            var plays = runtime.Store.CountPlays();
            runtime.ResetState(KeepAuth);
            return new StateResetResult { StateDbPath = settings.StateDbPath, PlaysRemoved = plays, KeptAuth = KeepAuth };
        }
        catch (StateCorruptException ex)
        {
            var movedTo = StateStore.MoveAside(settings.StateDbPath);
            WriteWarning($"The state file could not be read ({ex.InnerException?.Message ?? ex.Message}), so it was moved to " +
                $"{movedTo} and a new one will be created. Nothing of it could be kept{(KeepAuth ? ", not even the tokens" : "")}: " +
                "run Connect-Trakt, then Invoke-TraktBackfill.");
            return new StateResetResult { StateDbPath = settings.StateDbPath, MovedAsideTo = movedTo };
        }
    }

    // -Force answers the prompt for unattended use; it never turns a -WhatIf dry run into a real one.
    private bool Confirmed(string target, string action) => (Force && !WhatIfRequested) || ShouldProcess(target, action);

    private bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
        ? ((SwitchParameter)whatIf).IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
}
