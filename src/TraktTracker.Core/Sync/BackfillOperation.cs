using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// The one-time full import (product.md §5.1): last-activities first (the next sync's baseline), then every
/// page with end_at pinned to the crawl start so new plays cannot shift pages; one transaction per page.
/// </summary>
internal sealed class BackfillOperation(SyncContext context)
{
    private const string Activity = "Trakt backfill";

    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Backfill", context.Client);
        if (!options.Force && context.Store.GetMeta(SyncMeta.BackfillCompletedAt) is { } doneAt)
        {
            context.Reporter.Verbose($"The backfill finished at {doneAt}; use -Force (--force-backfill) to run it again.");
            return tally.Finish($"Backfill already done at {doneAt}");
        }

        if (!SyncContext.Allowed(options, context.Store.Path, "Import the complete Trakt watch history"))
        {
            return tally.Finish("Declined (-WhatIf or -Confirm)");
        }

        var crawlStart = context.Time.GetUtcNow();
        var baseline = await context.Client.GetLastActivitiesAsync(ct).ConfigureAwait(false);
        var request = new HistoryRequest { EndAt = crawlStart };
        var (newest, itemCount) = await CrawlAsync(request, tally, ct).ConfigureAwait(false);
        context.Reporter.ProgressCompleted(Activity);

        var meta = SyncMeta.Baseline(baseline, newest ?? SyncMeta.Read(context.Store, SyncMeta.Cursor), crawlStart);
        meta[SyncMeta.BackfillCompletedAt] = SyncMeta.Format(context.Time.GetUtcNow());
        context.Apply(new() { Meta = meta }, tally);
        WarnOnCountDrift(itemCount, tally);

        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish();
    }

    private async Task<(DateTimeOffset? Newest, int ItemCount)> CrawlAsync(HistoryRequest request, RunTally tally, CancellationToken ct)
    {
        DateTimeOffset? newest = null;
        var itemCount = 0;
        await foreach (var page in context.Client.ReadHistoryAsync(request, ct).ConfigureAwait(false))
        {
            itemCount = page.ItemCount;
            var changes = PageChanges.From(page.Items, $"backfill page {page.Page}");
            context.Apply(changes, tally);
            tally.Fetched += page.Items.Count;
            tally.ParseErrors += changes.DeadLetters.Count;
            newest = Max(newest, PageChanges.NewestWatchedAt(changes.Inserts));
            context.Reporter.Progress(Activity, $"Page {page.Page} of {page.PageCount}: {tally.Fetched} of {page.ItemCount} plays", Percent(page.Page, page.PageCount));
        }

        return (newest, itemCount);
    }

    /// <summary>Deletes on Trakt during the crawl shift pages; say so, the next reconcile repairs it.</summary>
    private void WarnOnCountDrift(int itemCount, RunTally tally)
    {
        if (tally.Fetched != itemCount)
        {
            context.Reporter.Warning($"Trakt reported {itemCount} plays but {tally.Fetched} arrived; the history changed during the backfill. Run Invoke-TraktReconcile -Full to converge.");
        }
    }

    private static int Percent(int page, int pageCount) => pageCount == 0 ? 100 : (int)(100L * page / pageCount);

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
