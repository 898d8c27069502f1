namespace TraktTracker.Sync;

/// <summary>
/// A <see cref="LevelingRun"/> over a wider window than a sync's, whatever the activities say: the last
/// RECONCILE_DAYS, or the whole history with Full and every RECONCILE_FULL_DAYS, the backstop for changes that
/// leave every play count below the window as it was.
/// </summary>
internal sealed class ReconcileOperation(SyncContext context)
{
    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Reconcile", context);
        var full = options.Full || FullDiffDue();
        var now = context.Time.GetUtcNow();
        DateTimeOffset? windowStart = full ? null : HistoryRange.CutBefore(now - TimeSpan.FromDays(context.Settings.ReconcileDays));
        var activities = await context.Client.GetLastActivitiesAsync(ct).ConfigureAwait(false);
        if (await new LevelingRun(context).RunAsync(activities, windowStart, "reconcile", tally, ct).ConfigureAwait(false) && full)
        {
            context.Store.SetMeta(SyncMeta.LastFullReconcileAt, SyncMeta.Format(now));
        }

        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish();
    }

    /// <summary>RECONCILE_FULL_DAYS: no play count shows count-neutral changes below the window, a full diff does.</summary>
    private bool FullDiffDue()
    {
        var days = context.Settings.ReconcileFullDays;
        if (days <= 0)
        {
            return false;
        }

        var last = SyncMeta.Read(context.Store, SyncMeta.LastFullReconcileAt) ?? SyncMeta.Read(context.Store, SyncMeta.BackfillCompletedAt);
        var due = last is null || context.Time.GetUtcNow() - last >= TimeSpan.FromDays(days);
        if (due)
        {
            context.Reporter.Verbose($"The last whole-history reconcile is older than RECONCILE_FULL_DAYS ({days}): diffing the whole history this time.");
        }

        return due;
    }
}
