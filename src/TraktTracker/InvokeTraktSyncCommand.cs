using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>Invoke-TraktSync: the incremental sync (README "How it stays right").</summary>
[Cmdlet(VerbsLifecycle.Invoke, "TraktSync", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(SyncSummary), typeof(WatchEvent))]
public sealed class InvokeTraktSyncCommand : TraktSyncCmdlet
{
    protected override string Action(TrackerSettings settings) => "Fetch and store new Trakt plays";

    protected override Task<SyncOutcome> RunAsync(TrackerRuntime runtime, RunOptions options, CancellationToken ct)
        => runtime.SyncAsync(options, ct);
}
