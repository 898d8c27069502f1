using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// Catches what paging from the top cannot (product.md §5.3): fetches the window (RECONCILE_DAYS, or all with
/// Full), diffs the id sets, deletes local plays Trakt no longer has and adds the missing ones in one
/// transaction. The delete step is skipped when any item of the window failed to parse: an id we could not
/// read is not an id Trakt deleted.
/// </summary>
internal sealed class ReconcileOperation(SyncContext context)
{
    private const string Activity = "Trakt reconcile";

    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Reconcile", context);
        var activities = await context.Client.GetLastActivitiesAsync(ct).ConfigureAwait(false);
        var diff = await DiffAsync(options.Full || FullDiffDue(), options, ct).ConfigureAwait(false);
        tally.Add(diff);
        if (!diff.Summary.Skipped)
        {
            var cursor = SyncMeta.Read(context.Store, SyncMeta.Cursor);
            context.Apply(new() { Meta = SyncMeta.Baseline(activities, cursor, context.Time.GetUtcNow()) }, tally);
        }

        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish(diff.Summary.SkipReason);
    }

    /// <summary>The diff itself, shared with the incremental sync's escalation. Projects nothing.</summary>
    public async Task<SyncOutcome> DiffAsync(bool full, RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Reconcile", context);
        var now = context.Time.GetUtcNow();
        DateTimeOffset? windowStart = full ? null : now - TimeSpan.FromDays(context.Settings.ReconcileDays);
        var scope = full ? "the whole history" : $"the last {context.Settings.ReconcileDays} day(s)";
        if (!SyncContext.Allowed(options, context.Store.Path, $"Reconcile {scope} with Trakt (add missing plays, delete removed ones)"))
        {
            return tally.Finish("Declined (-WhatIf or -Confirm)");
        }

        var remote = await FetchAsync(new HistoryRequest { StartAt = windowStart, EndAt = now }, tally, ct).ConfigureAwait(false);
        var local = context.Store.GetIdsInRange(windowStart, now);
        var changes = Diff(remote, local, tally.ParseErrors, scope);
        if (full && tally.ParseErrors == 0)
        {
            // Only a diff that could delete counts as a whole-history reconcile.
            changes = changes with { Meta = new Dictionary<string, string?> { [SyncMeta.LastFullReconcileAt] = SyncMeta.Format(now) } };
        }

        context.Apply(changes, tally);
        return tally.Finish();
    }

    /// <summary>RECONCILE_FULL_DAYS: the rolling window cannot see count-neutral changes older than it, a full diff can.</summary>
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

    private async Task<RemoteWindow> FetchAsync(HistoryRequest request, RunTally tally, CancellationToken ct)
    {
        var window = new RemoteWindow();
        await foreach (var page in context.Client.ReadHistoryAsync(request, ct).ConfigureAwait(false))
        {
            window.Add(page.Items);
            tally.Fetched += page.Items.Count;
            context.Reporter.Progress(Activity, $"Page {page.Page} of {page.PageCount}", page.PageCount == 0 ? 100 : 100 * page.Page / page.PageCount);
        }

        tally.ParseErrors = window.DeadLetters.Count;
        context.Reporter.ProgressCompleted(Activity);
        return window;
    }

    private ChangeSet Diff(RemoteWindow remote, HashSet<long> local, int parseErrors, string scope)
    {
        var missing = remote.Plays.Where(p => !local.Contains(p.HistoryId)).ToList();
        var gone = local.Where(id => !remote.Ids.Contains(id)).ToList();
        if (parseErrors > 0 && gone.Count > 0)
        {
            context.Reporter.Warning($"{parseErrors} item(s) in {scope} could not be parsed (see dead letters), so {gone.Count} local play(s) missing from Trakt were NOT deleted. Fix or wait for Trakt, then reconcile again.");
            gone.Clear();
        }

        context.Reporter.Verbose($"Reconcile of {scope}: {missing.Count} play(s) to add, {gone.Count} to delete.");
        return new ChangeSet { Inserts = missing, DeleteIds = gone, DeadLetters = remote.DeadLetters };
    }

    /// <summary>The ids and plays Trakt returned for the window; ids of unparseable items are unknown.</summary>
    private sealed class RemoteWindow
    {
        public List<WatchEvent> Plays { get; } = [];
        public HashSet<long> Ids { get; } = [];
        public List<DeadLetterInput> DeadLetters { get; } = [];

        public void Add(IEnumerable<HistoryItem> items)
        {
            var changes = PageChanges.From(items, "reconcile");
            Plays.AddRange(changes.Inserts);
            Ids.UnionWith(changes.Inserts.Select(p => p.HistoryId));
            DeadLetters.AddRange(changes.DeadLetters);
        }
    }
}
