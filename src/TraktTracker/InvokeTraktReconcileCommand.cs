using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>Invoke-TraktReconcile: finds plays deleted on Trakt (and missing ones) over the window, or everywhere with -Full.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "TraktReconcile", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(SyncSummary), typeof(WatchEvent))]
public sealed class InvokeTraktReconcileCommand : TraktSyncCmdlet
{
    /// <summary>Diffs the whole history instead of the last RECONCILE_DAYS days.</summary>
    [Parameter]
    public SwitchParameter Full { get; set; }

    protected override RunOptions Options => base.Options with { Full = Full };

    protected override string Action(TrackerSettings settings) => Full
        ? "Reconcile the whole history with Trakt (add missing plays, delete removed ones)"
        : $"Reconcile the last {settings.ReconcileDays} day(s) with Trakt (add missing plays, delete removed ones)";

    protected override Task<SyncOutcome> RunAsync(TrackerRuntime runtime, RunOptions options, CancellationToken ct)
        => runtime.ReconcileAsync(options, ct);
}
