using TraktTracker.Config;
using TraktTracker.Scheduling;

namespace TraktTracker.Sync;

/// <summary>
/// One service-mode job on a runtime of its own (so the run lock is held only while a job runs): a sync job
/// backfills first while no backfill has finished (or once when forced), then syncs; a reconcile job reconciles
/// the rolling window.
/// </summary>
internal sealed class ServiceJobRunner(TrackerSettings settings, RunOptions options, IRunReporter reporter, RuntimeTuning tuning)
{
    private bool _forceBackfill = options.Force;

    public async Task RunAsync(ScheduledJob job, Action<SyncSummary> completed, CancellationToken ct)
    {
        using var runtime = TrackerRuntime.Open(settings, reporter, tuning: tuning, ct: ct);
        var stepOptions = options with { Force = false };
        if (job == ScheduledJob.Reconcile)
        {
            completed((await runtime.ReconcileAsync(stepOptions, ct).ConfigureAwait(false)).Summary);
            return;
        }

        if (_forceBackfill || !runtime.BackfillCompleted)
        {
            completed((await runtime.BackfillAsync(stepOptions with { Force = _forceBackfill }, ct).ConfigureAwait(false)).Summary);
            _forceBackfill = false;
        }

        completed((await runtime.SyncAsync(stepOptions, ct).ConfigureAwait(false)).Summary);
    }
}
