namespace TraktTracker.Simulator;

/// <summary>
/// An immutable, sorted copy of the history that readers share without locks. It is rebuilt only after a
/// change, so a burst of page reads over 100,000 plays costs a binary search and a slice each.
/// </summary>
internal sealed class HistoryView
{
    private readonly StoredPlay[] _all;
    private readonly StoredPlay[] _movies;
    private readonly StoredPlay[] _episodes;

    public HistoryView(IEnumerable<StoredPlay> plays)
    {
        _all = plays.ToArray();
        Array.Sort(_all, StoredPlay.NewestFirst);
        _movies = _all.Where(p => p.Play.IsMovie).ToArray();
        _episodes = _all.Where(p => !p.Play.IsMovie).ToArray();
    }

    public IReadOnlyList<StoredPlay> All => _all;

    public ArraySegment<StoredPlay> Select(HistoryQuery query)
    {
        var source = query.Scope switch
        {
            HistoryScope.All => _all,
            HistoryScope.Movies => _movies,
            _ => _episodes,
        };
        var window = WithinDates(source, query.StartAt, query.EndAt);
        if (query.ItemId is null) return window;
        return window.Where(p => query.Matches(p.Play)).ToArray();
    }

    /// <summary>Both bounds inclusive; the array is sorted by watched_at descending.</summary>
    private static ArraySegment<StoredPlay> WithinDates(StoredPlay[] sorted, DateTimeOffset? startAt, DateTimeOffset? endAt)
    {
        var first = endAt is { } end ? FirstIndexWhere(sorted, p => p.Play.WatchedAt <= end) : 0;
        var stop = startAt is { } start ? FirstIndexWhere(sorted, p => p.Play.WatchedAt < start) : sorted.Length;
        return new ArraySegment<StoredPlay>(sorted, first, Math.Max(0, stop - first));
    }

    /// <summary>Binary search for the first index whose play satisfies a predicate that is monotone over the order.</summary>
    private static int FirstIndexWhere(StoredPlay[] sorted, Func<StoredPlay, bool> predicate)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (predicate(sorted[mid])) high = mid; else low = mid + 1;
        }
        return low;
    }
}
