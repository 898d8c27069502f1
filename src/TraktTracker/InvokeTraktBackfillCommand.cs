using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>Invoke-TraktBackfill: the one-time full import of the Trakt history.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "TraktBackfill", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(SyncSummary), typeof(WatchEvent))]
public sealed class InvokeTraktBackfillCommand : TraktSyncCmdlet
{
    /// <summary>Backfills again although a backfill finished before.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override RunOptions Options => base.Options with { Force = Force };

    protected override string Action(TrackerSettings settings) => "Import the complete Trakt watch history";

    protected override Task<SyncOutcome> RunAsync(TrackerRuntime runtime, RunOptions options, CancellationToken ct)
        => runtime.BackfillAsync(options, ct);
}
