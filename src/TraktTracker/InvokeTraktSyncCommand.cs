using System.Management.Automation;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>Invoke-TraktSync: the incremental sync (product.md §5.2).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "TraktSync", SupportsShouldProcess = true)]
[OutputType(typeof(SyncSummary), typeof(WatchEvent))]
public sealed class InvokeTraktSyncCommand : TraktSyncCmdlet
{
    protected override Task<SyncOutcome> RunAsync(TrackerRuntime runtime, RunOptions options, CancellationToken ct)
        => runtime.SyncAsync(options, ct);
}
