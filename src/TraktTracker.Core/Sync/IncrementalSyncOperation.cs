namespace TraktTracker.Sync;

/// <summary>
/// The cheap scheduled run (README "What a sync repairs"): one last-activities call when nothing changed;
/// otherwise a <see cref="LevelingRun"/> whose window runs from cursor − OVERLAP_HOURS up.
/// </summary>
internal sealed class IncrementalSyncOperation(SyncContext context)
{
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

        await new LevelingRun(context).RunAsync(activities, WindowStart(), "sync", tally, ct).ConfigureAwait(false);
        await context.Projection.RunAsync(context.Store, options, tally, ct).ConfigureAwait(false);
        return tally.Finish();
    }

    /// <summary>cursor − OVERLAP_HOURS, on a cut; with no cursor yet, everything (the first sync acts as a backfill).</summary>
    private DateTimeOffset? WindowStart()
        => SyncMeta.Read(context.Store, SyncMeta.Cursor) is { } cursor
            ? HistoryRange.CutBefore(cursor - TimeSpan.FromHours(context.Settings.OverlapHours))
            : null;
}
