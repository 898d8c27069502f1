using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// What a sync and a reconcile both do once Trakt's history may have changed (README "What a sync repairs"):
/// read a window (everything from its start up) and apply its whole diff, adds and deletes; below the window
/// compare play counts with Trakt and read only ranges whose counts differ (<see cref="CountSearch"/>). When the
/// activities moved since the last level run and none of that found a change (nor an item it could not parse, which
/// may be the change), the change left every count as it was (a delete plus an add below the window): diff the whole
/// history. Only a run that held still all along brought the store level with Trakt as it was when the activities
/// were read, so only then are they stored as the next sync's baseline.
/// </summary>
internal sealed class LevelingRun(SyncContext context)
{
    private readonly RangeDiff _diff = new(context);

    /// <param name="windowStart">Null: the window is the whole history.</param>
    /// <returns>True when the store is now level with Trakt (and the baseline was stored).</returns>
    public async Task<bool> RunAsync(LastActivities activities, DateTimeOffset? windowStart, string source, RunTally tally, CancellationToken ct)
    {
        // No baseline is no proof of stillness: the last level run may have read activities in their own second
        // (the second-of-read rule then removes them), so a change after it could have left every count as it was.
        var moved = !SyncMeta.MatchesBaseline(context.Store, activities);
        var window = await _diff.ReadAsync(HistoryRange.Starting(windowStart), source, tally, ct).ConfigureAwait(false);
        var cursor = Later(window.Newest, SyncMeta.Read(context.Store, SyncMeta.Cursor));
        var now = context.Time.GetUtcNow();
        context.Apply(window.Changes with { Meta = SyncMeta.Progress(cursor, now) }, tally);

        var level = window.Undisturbed;
        if (windowStart is { } start)
        {
            level &= await new CountSearch(context, _diff).RunAsync(start, source, tally, ct).ConfigureAwait(false);
            if (level && moved && tally.Changed == 0 && tally.ParseErrors == 0)
            {
                context.Reporter.Verbose("Trakt's history changed since the last sync, but neither inside the window nor in any play count: diffing the whole history.");
                var whole = await _diff.ReadAsync(HistoryRange.Starting(null), source, tally, ct).ConfigureAwait(false);
                context.Apply(whole.Changes, tally);
                tally.RanFullReconcile = true;
                level = whole.Undisturbed;
            }
        }

        if (level)
        {
            context.Apply(new() { Meta = context.Baseline(activities, cursor, now) }, tally);
        }
        else
        {
            context.Reporter.Verbose("Trakt's history changed while this run read it: the next sync looks again.");
        }

        return level;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
