using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// The one-time full import: last-activities first (the next sync's baseline), then every
/// page with end_at pinned to the crawl start so new plays cannot shift pages; one transaction per page.
/// </summary>
internal sealed class BackfillOperation(SyncContext context)
{
    private const string Activity = "Trakt backfill";

    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Backfill", context);
        if (!options.Force && context.Store.GetMeta(SyncMeta.BackfillCompletedAt) is { } doneAt)
        {
            context.Reporter.Verbose($"The backfill finished at {doneAt}; use -Force (--force-backfill) to run it again.");
            // Days left pending by an earlier run (InfluxDB down, -NoInflux) are still this run's to project.
            await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
            return tally.Finish($"Backfill already done at {doneAt}");
        }

        var crawlStart = context.Time.GetUtcNow();
        var baseline = await context.Client.GetLastActivitiesAsync(ct).ConfigureAwait(false);
        var request = new HistoryRequest { EndAt = crawlStart };
        var crawl = await CrawlAsync(request, tally, ct).ConfigureAwait(false);
        context.Reporter.ProgressCompleted(Activity);

        var meta = SyncMeta.Baseline(baseline, crawl.Newest ?? SyncMeta.Read(context.Store, SyncMeta.Cursor), crawlStart);
        meta[SyncMeta.BackfillCompletedAt] = SyncMeta.Format(context.Time.GetUtcNow());
        context.Apply(new() { Meta = meta, DeleteIds = Vanished(crawl, crawlStart, tally) }, tally);

        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish();
    }

    private async Task<Crawl> CrawlAsync(HistoryRequest request, RunTally tally, CancellationToken ct)
    {
        var crawl = new Crawl();
        await foreach (var page in context.Client.ReadHistoryAsync(request, ct).ConfigureAwait(false))
        {
            crawl.ItemCount = page.ItemCount;
            var changes = PageChanges.From(page.Items, $"backfill page {page.Page}");
            context.Apply(changes, tally);
            tally.Fetched += page.Items.Count;
            tally.ParseErrors += changes.DeadLetters.Count;
            crawl.Seen.UnionWith(changes.Inserts.Select(p => p.HistoryId));
            crawl.Newest = Max(crawl.Newest, PageChanges.NewestWatchedAt(changes.Inserts));
            context.Reporter.Progress(Activity, $"Page {page.Page} of {page.PageCount}: {tally.Fetched} of {page.ItemCount} plays", Percent(page.Page, page.PageCount));
        }

        return crawl;
    }

    /// <summary>
    /// A backfill run again (after a crash, or with -Force) meets plays stored earlier that Trakt deleted since: the
    /// crawl saw every play up to its start, so stored ones it did not see are gone. Only a clean crawl may say so:
    /// when deletes on Trakt shifted pages during the crawl, or an item could not be parsed, an id not seen is not
    /// an id Trakt deleted.
    /// </summary>
    private List<long> Vanished(Crawl crawl, DateTimeOffset crawlStart, RunTally tally)
    {
        if (tally.Fetched != crawl.ItemCount)
        {
            context.Reporter.Warning($"Trakt reported {crawl.ItemCount} plays but {tally.Fetched} arrived; the history changed during the backfill. Run Invoke-TraktReconcile -Full to converge.");
            return [];
        }

        // Every id seen is stored now: equal counts mean nothing vanished, without loading every stored id.
        if (context.Store.CountPlays(crawlStart) == crawl.Seen.Count)
        {
            return [];
        }

        var vanished = context.Store.GetIdsInRange(null, crawlStart).Where(id => !crawl.Seen.Contains(id)).ToList();
        if (tally.ParseErrors > 0 && vanished.Count > 0)
        {
            context.Reporter.Warning($"{tally.ParseErrors} item(s) could not be parsed (see dead letters), so {vanished.Count} stored play(s) the backfill did not see were NOT deleted. Run Invoke-TraktReconcile -Full once Trakt serves them again.");
            return [];
        }

        return vanished;
    }

    /// <summary>What the crawl saw: Trakt's play count, every parsed id, the newest real watch time.</summary>
    private sealed class Crawl
    {
        public int ItemCount { get; set; }

        public HashSet<long> Seen { get; } = [];

        public DateTimeOffset? Newest { get; set; }
    }

    private static int Percent(int page, int pageCount) => pageCount == 0 ? 100 : (int)(100L * page / pageCount);

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
