using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>
/// What Invoke-TraktBackfill, Invoke-TraktSync and Invoke-TraktReconcile share: -NoInflux, -PassThru, the run lock,
/// one ShouldProcess before anything is touched, and one output type per stream: the summary, or with -PassThru
/// the new plays (the summary then goes to the information stream, tagged <see cref="SummaryTag"/>).
/// </summary>
public abstract class TraktSyncCmdlet : TraktCmdlet
{
    /// <summary>The information-stream tag of the summary under -PassThru (<c>-InformationVariable</c> collects it).</summary>
    public const string SummaryTag = "TraktTracker.SyncSummary";

    /// <summary>Store only; what InfluxDB would receive stays pending for a later run.</summary>
    [Parameter]
    public SwitchParameter NoInflux { get; set; }

    /// <summary>Writes the newly stored plays instead of the summary, which goes to the information stream.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The options of this run; subclasses add their own switches.</summary>
    protected virtual RunOptions Options => new() { NoInflux = NoInflux, ReturnNewPlays = PassThru };

    /// <summary>What the run does to the store, for the -WhatIf / -Confirm text.</summary>
    protected abstract string Action(TrackerSettings settings);

    /// <summary>The engine operation this cmdlet runs.</summary>
    protected abstract Task<SyncOutcome> RunAsync(TrackerRuntime runtime, RunOptions options, CancellationToken ct);

    protected sealed override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        var influx = settings.EnableInflux && !NoInflux ? $", then write the changed days to InfluxDB {SafeUrl.Show(settings.InfluxUrl)}" : "";
        // Asked before the store, its folder or its lock exist and before any token refresh: -WhatIf touches nothing.
        if (!ShouldProcess(settings.StateDbPath, Action(settings) + influx))
        {
            return;
        }

        using var runtime = OpenRuntime(settings, exclusive: true);
        var options = Options;
        var outcome = RunEngine(ct => RunAsync(runtime, options, ct));
        if (PassThru)
        {
            WriteObject(outcome.NewPlays, enumerateCollection: true);
            WriteInformation(outcome.Summary, [SummaryTag]);
        }
        else
        {
            WriteObject(outcome.Summary);
        }
    }
}
