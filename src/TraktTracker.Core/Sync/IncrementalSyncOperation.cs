using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// The cheap scheduled run (product.md §5.2): one last-activities call when nothing changed; otherwise pages from
/// the newest play down past cursor − OVERLAP_HOURS. When the local count then differs from Trakt's total, or the
/// activity moved but no new play turned up, a back-dated add or a delete happened outside the window, and the
/// full reconcile settles it.
/// </summary>
internal sealed class IncrementalSyncOperation(SyncContext context, ReconcileOperation reconcile)
{
    private const string Activity = "Trakt sync";

    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Sync", context);
        var activities = await context.Client.GetLastActivitiesAsync(ct).ConfigureAwait(false);
        if (SyncMeta.MatchesBaseline(context.Store, activities))
        {
            context.Reporter.Verbose("Trakt's last activities are unchanged since the last sync: nothing to fetch.");
            await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
            return tally.Finish("Trakt history unchanged (last activities)");
        }

        if (!SyncContext.Allowed(options, context.Store.Path, "Fetch and store new Trakt plays"))
        {
            return tally.Finish("Declined (-WhatIf or -Confirm)");
        }

        var (traktTotal, newest) = await FetchWindowAsync(tally, ct).ConfigureAwait(false);
        var cursor = newest ?? SyncMeta.Read(context.Store, SyncMeta.Cursor);
        var localTotal = context.Store.CountPlays();
        if (localTotal != traktTotal || tally.Inserted == 0)
        {
            context.Reporter.Verbose($"Trakt's history changed outside the window (Trakt holds {traktTotal} plays, the store {localTotal}; {tally.Inserted} new at the top): reconciling the whole history.");
            tally.Add(await reconcile.DiffAsync(full: true, options, ct).ConfigureAwait(false));
            tally.RanFullReconcile = true;
        }

        context.Apply(new() { Meta = SyncMeta.Baseline(activities, cursor, context.Time.GetUtcNow()) }, tally);
        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish();
    }

    /// <summary>Pages newest-first until a page reaches below the stop line; returns Trakt's total and the newest play.</summary>
    private async Task<(int TraktTotal, DateTimeOffset? Newest)> FetchWindowAsync(RunTally tally, CancellationToken ct)
    {
        var stopAt = StopLine();
        var request = new HistoryRequest();
        DateTimeOffset? newest = null;
        var total = 0;
        for (var page = 1; ; page++)
        {
            var fetched = await context.Client.GetHistoryPageAsync(request, page, ct).ConfigureAwait(false);
            total = page == 1 ? fetched.ItemCount : total;
            var changes = PageChanges.From(fetched.Items, $"sync page {page}");
            context.Apply(changes, tally);
            tally.Fetched += fetched.Items.Count;
            tally.ParseErrors += changes.DeadLetters.Count;
            newest ??= PageChanges.NewestWatchedAt(changes.Inserts);
            context.Reporter.Progress(Activity, $"Page {page}: {tally.Fetched} plays checked", -1);
            if (page >= fetched.PageCount || ReachedStopLine(fetched, stopAt))
            {
                break;
            }
        }

        context.Reporter.ProgressCompleted(Activity);
        return (total, newest);
    }

    /// <summary>cursor − OVERLAP_HOURS; with no cursor yet, everything (the first sync acts as a backfill).</summary>
    private DateTimeOffset StopLine()
        => SyncMeta.Read(context.Store, SyncMeta.Cursor) is { } cursor
            ? cursor - TimeSpan.FromHours(context.Settings.OverlapHours)
            : DateTimeOffset.MinValue;

    private static bool ReachedStopLine(HistoryPage page, DateTimeOffset stopAt)
        => page.Items.Count > 0 && page.Items[^1].Play is { } oldest && oldest.WatchedAt < stopAt;
}
