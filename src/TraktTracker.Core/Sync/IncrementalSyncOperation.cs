namespace TraktTracker.Sync;

/// <summary>
/// The cheap scheduled run (README "What a sync repairs"): one last-activities call when nothing changed.
/// Otherwise it reads the re-read window (the newest play down to cursor − OVERLAP_HOURS) and applies its whole
/// diff, adds and deletes; below the window it compares play counts with Trakt and reads only ranges whose counts
/// differ (<see cref="CountSearch"/>). Only when all of that held still does it store the activities as the
/// next baseline.
/// </summary>
internal sealed class IncrementalSyncOperation(SyncContext context)
{
    public async Task<SyncOutcome> RunAsync(RunOptions options, CancellationToken ct)
    {
        var tally = new RunTally("Sync", context.Client);
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

        var diff = new RangeDiff(context);
        var windowStart = WindowStart();
        var window = await diff.ReadAsync(HistoryRange.Starting(windowStart), "sync", tally, ct).ConfigureAwait(false);
        var cursor = window.Newest ?? SyncMeta.Read(context.Store, SyncMeta.Cursor);
        var now = context.Time.GetUtcNow();
        context.Apply(window.Changes with { Meta = SyncMeta.Progress(cursor, now) }, tally);

        var level = window.Undisturbed;
        if (windowStart is { } start)
        {
            level &= await new CountSearch(context, diff).RunAsync(start, tally, ct).ConfigureAwait(false);
        }

        if (level)
        {
            context.Apply(new() { Meta = context.Baseline(activities, cursor, now) }, tally);
        }
        else
        {
            context.Reporter.Verbose("Trakt's history changed while this sync read it: the next sync looks again.");
        }

        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish();
    }

    /// <summary>cursor − OVERLAP_HOURS, on a cut; with no cursor yet, everything (the first sync acts as a backfill).</summary>
    private DateTimeOffset? WindowStart()
        => SyncMeta.Read(context.Store, SyncMeta.Cursor) is { } cursor
            ? HistoryRange.CutBefore(cursor - TimeSpan.FromHours(context.Settings.OverlapHours))
            : null;
}
