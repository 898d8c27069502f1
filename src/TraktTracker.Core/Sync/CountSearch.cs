namespace TraktTracker.Sync;

/// <summary>
/// Finds changes below the re-read window without reading it: compares the play count of a range in the store
/// with Trakt's (<c>X-Pagination-Item-Count</c> of a one-item page: one call), and only where they differ splits
/// the range at a month boundary near the stored median and compares the halves (one call: the other half's count
/// follows). A range that is small enough (one page) or lies within one month is read and diffed. So a back-dated
/// add or an old delete costs about log2(plays / 250) + 2 calls; a change that leaves every month's count as it was
/// (a delete plus an add in one month) is invisible here and left to the periodic whole-history diff.
/// </summary>
internal sealed class CountSearch(SyncContext context, RangeDiff diff)
{
    private const int PageSize = 250;

    /// <summary>Repairs every count difference below <paramref name="windowStart"/>; true when every range read held still.</summary>
    public async Task<bool> RunAsync(DateTimeOffset windowStart, string source, RunTally tally, CancellationToken ct)
    {
        var outside = HistoryRange.Before(windowStart);
        var remote = await CountAsync(outside, ct).ConfigureAwait(false);
        return await SearchAsync(outside, remote, source, tally, ct).ConfigureAwait(false);
    }

    private async Task<bool> SearchAsync(HistoryRange range, int remote, string source, RunTally tally, CancellationToken ct)
    {
        var local = context.Store.CountPlaysInRange(range.From, range.To);
        if (remote == local)
        {
            return true;
        }

        context.Reporter.Verbose($"Trakt holds {remote} play(s) in {range}, the store {local}.");
        if (Math.Max(remote, local) > PageSize && SplitPoint(range, local) is { } cut)
        {
            var (below, above) = range.SplitAt(cut);
            var remoteBelow = await CountAsync(below, ct).ConfigureAwait(false);
            var belowLevel = await SearchAsync(below, remoteBelow, source, tally, ct).ConfigureAwait(false);
            return await SearchAsync(above, remote - remoteBelow, source, tally, ct).ConfigureAwait(false) && belowLevel;
        }

        var read = await diff.ReadAsync(range, source, tally, ct).ConfigureAwait(false);
        context.Apply(read.Changes, tally);
        tally.RangesDiffed++;
        return read.Undisturbed;
    }

    private Task<int> CountAsync(HistoryRange range, CancellationToken ct) => context.Client.CountHistoryAsync(range.ToRequest(), ct);

    /// <summary>
    /// The month boundary nearest below the stored median (or the range's middle when it stores nothing), moved
    /// up a month when that is not inside the range; null when no month boundary lies inside it.
    /// </summary>
    private DateTimeOffset? SplitPoint(HistoryRange range, int local)
    {
        var to = range.To!.Value;
        var from = range.From ?? DateTimeOffset.UnixEpoch;
        var middle = local > 0 ? context.Store.GetWatchedAtAtRank(range.From, range.To, local / 2)!.Value : from + (to - from) / 2;
        var month = new DateTimeOffset(middle.Year, middle.Month, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var start in new[] { month, month.AddMonths(1) })
        {
            var cut = HistoryRange.CutBefore(start);
            if ((range.From is null || cut > range.From) && cut <= to)
            {
                return cut;
            }
        }

        return null;
    }
}
