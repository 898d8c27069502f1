using System.Management.Automation;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>
/// What Invoke-TraktBackfill, Invoke-TraktSync and Invoke-TraktReconcile share: -NoInflux, -PassThru, the run lock,
/// ShouldProcess before each side effect, and writing the summary (then the new plays with -PassThru).
/// </summary>
public abstract class TraktSyncCmdlet : TraktCmdlet
{
    /// <summary>Store only; what InfluxDB would receive stays pending for a later run.</summary>
    [Parameter]
    public SwitchParameter NoInflux { get; set; }

    /// <summary>Also writes the newly stored plays after the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The options of this run; subclasses add their own switches.</summary>
    protected virtual RunOptions Options => new() { NoInflux = NoInflux, ReturnNewPlays = PassThru, ShouldProcess = ShouldProcessFromAnyThread };

    /// <summary>The engine operation this cmdlet runs.</summary>
    protected abstract Task<SyncOutcome> RunAsync(TrackerRuntime runtime, RunOptions options, CancellationToken ct);

    protected sealed override void ProcessTraktRecord()
    {
        using var runtime = OpenRuntime(exclusive: true);
        var options = Options;
        var outcome = RunEngine(ct => RunAsync(runtime, options, ct));
        WriteObject(outcome.Summary);
        if (PassThru)
        {
            WriteObject(outcome.NewPlays, enumerateCollection: true);
        }
    }
}
