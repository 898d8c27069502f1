namespace TraktTracker.Sync;

/// <summary>
/// Reads the window (RECONCILE_DAYS, or all with Full) and applies its whole diff: adds what the store lacks,
/// deletes what Trakt no longer has (see <see cref="RangeDiff"/> for when a delete waits). Every RECONCILE_FULL_DAYS
/// the window is the whole history: the backstop for changes no play count shows. Only a whole-history diff that
/// held still stores the activities as the sync's baseline; a windowed one cannot know the store is level.
/// </summary>
internal sealed class ReconcileOperation(SyncContext context)
{
    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Reconcile", context.Client);
        var full = options.Full || FullDiffDue();
        var now = context.Time.GetUtcNow();
        var range = HistoryRange.Starting(full ? null : HistoryRange.CutBefore(now - TimeSpan.FromDays(context.Settings.ReconcileDays)));
        var scope = full ? "the whole history" : $"the last {context.Settings.ReconcileDays} day(s)";
        if (!SyncContext.Allowed(options, context.Store.Path, $"Reconcile {scope} with Trakt (add missing plays, delete removed ones)"))
        {
            return tally.Finish("Declined (-WhatIf or -Confirm)");
        }

        var activities = await context.Client.GetLastActivitiesAsync(ct).ConfigureAwait(false);
        var diff = await new RangeDiff(context).ReadAsync(range, "reconcile", tally, ct).ConfigureAwait(false);
        var changes = diff.Changes;
        if (full && diff.Undisturbed)
        {
            var meta = context.Baseline(activities, SyncMeta.Read(context.Store, SyncMeta.Cursor), now);
            meta[SyncMeta.LastFullReconcileAt] = SyncMeta.Format(now);
            changes = changes with { Meta = meta };
        }

        context.Apply(changes, tally);
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
