using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// Reads one <see cref="HistoryRange"/> from Trakt and diffs it with the store's plays in the same range: plays
/// Trakt has that the store lacks are added, stored plays Trakt did not return are deleted. A delete needs proof:
/// not when Trakt's history changed during the read (the item count moved, or the pages did not add up), and not
/// near an item that could not be parsed (between the pages around it), whose play may be the one "missing".
/// </summary>
internal sealed class RangeDiff(SyncContext context)
{
    /// <summary>Reads and diffs <paramref name="range"/>; the caller applies <see cref="Result.Changes"/>.</summary>
    public async Task<Result> ReadAsync(HistoryRange range, string source, RunTally tally, CancellationToken ct)
    {
        var activity = $"Trakt {source}";
        var read = new RemoteRead();
        await foreach (var page in context.Client.ReadHistoryAsync(range.ToRequest(), ct).ConfigureAwait(false))
        {
            read.Add(page, PageChanges.From(page.Items, $"{source} page {page.Page}"));
            tally.Fetched += page.Items.Count;
            tally.ParseErrors += read.Pages[^1].DeadLetters.Count;
            context.Reporter.Progress(activity, $"{range}: page {page.Page} of {page.PageCount}", page.PageCount == 0 ? 100 : 100 * page.Page / page.PageCount);
        }

        context.Reporter.ProgressCompleted(activity);
        var local = context.Store.GetPlayTimesInRange(range.From, range.To);
        var missing = read.Plays.Values.Where(p => !local.ContainsKey(p.HistoryId)).ToList();
        var gone = local.Where(p => !read.Plays.ContainsKey(p.Key)).ToList();
        var undisturbed = read.AddsUp;
        if (!undisturbed && gone.Count > 0)
        {
            context.Reporter.Verbose($"Trakt's history changed while {range} was read; {gone.Count} stored play(s) it did not return are kept for the next run to check.");
            gone.Clear();
        }

        var held = HeldBack(read, gone, range);
        var deletes = gone.Where(p => !held.Contains(p.Key)).Select(p => p.Key).ToList();
        context.Reporter.Verbose($"Diff of {range}: {read.Count} play(s) on Trakt, {local.Count} stored; {missing.Count} to add, {deletes.Count} to delete.");
        return new Result(
            new ChangeSet { Inserts = missing, DeleteIds = deletes, DeadLetters = read.Pages.SelectMany(p => p.DeadLetters).ToList() },
            undisturbed,
            PageChanges.NewestWatchedAt(read.Plays.Values));
    }

    /// <summary>
    /// Stored plays Trakt did not return that lie between the pages around an unparseable item: that item may be
    /// one of them. One warning per such page names the item's error and the plays kept.
    /// </summary>
    private HashSet<long> HeldBack(RemoteRead read, List<KeyValuePair<long, DateTimeOffset>> gone, HistoryRange range)
    {
        var held = new HashSet<long>();
        for (var index = 0; index < read.Pages.Count; index++)
        {
            var page = read.Pages[index];
            if (page.DeadLetters.Count == 0)
            {
                continue;
            }

            // Pages run newest first: the item lies below the previous page's oldest play and above the next page's newest.
            var above = read.Pages.Take(index).Select(p => p.Oldest).LastOrDefault(t => t is not null);
            var below = read.Pages.Skip(index + 1).Select(p => p.Newest).FirstOrDefault(t => t is not null);
            var kept = gone.Where(p => (above is null || p.Value <= above) && (below is null || p.Value >= below)).Select(p => p.Key).ToList();
            if (kept.Count > 0)
            {
                held.UnionWith(kept);
                context.Reporter.Warning(
                    $"{page.DeadLetters.Count} item(s) on page {page.Number} of {range} could not be parsed ({page.DeadLetters[0].Error} " +
                    $"Kept in dead letters.) So {kept.Count} stored play(s) near them that Trakt did not return were NOT deleted " +
                    $"(history id(s) {string.Join(", ", kept.Take(5))}{(kept.Count > 5 ? ", …" : "")}). Once Trakt serves the item " +
                    "again, run Invoke-TraktReconcile -Full.");
            }
        }

        return held;
    }

    /// <param name="Changes">Plays to add, ids to delete, dead letters.</param>
    /// <param name="Undisturbed">Trakt's history held still during the read, so the diff is the whole truth of the range.</param>
    /// <param name="Newest">The newest real watch time Trakt returned (the next cursor).</param>
    internal sealed record Result(ChangeSet Changes, bool Undisturbed, DateTimeOffset? Newest);

    private sealed record PageRead(int Number, IReadOnlyList<DeadLetterInput> DeadLetters, DateTimeOffset? Newest, DateTimeOffset? Oldest);

    /// <summary>What Trakt returned for the range, page by page.</summary>
    private sealed class RemoteRead
    {
        private readonly HashSet<int> _itemCounts = [];
        private int _items;

        public Dictionary<long, WatchEvent> Plays { get; } = [];

        public List<PageRead> Pages { get; } = [];

        public int Count => _itemCounts.Count == 1 ? _itemCounts.Single() : Plays.Count;

        /// <summary>Every page reported the same item count, and the pages held exactly that many distinct items.</summary>
        public bool AddsUp => _itemCounts.Count <= 1 && _items == Plays.Count + Pages.Sum(p => p.DeadLetters.Count) && _items == Count;

        public void Add(HistoryPage page, ChangeSet changes)
        {
            _itemCounts.Add(page.ItemCount);
            _items += page.Items.Count;
            foreach (var play in changes.Inserts)
            {
                Plays[play.HistoryId] = play;
            }

            var times = changes.Inserts.Select(p => p.WatchedAt).ToList();
            Pages.Add(new PageRead(page.Page, changes.DeadLetters, times.Count == 0 ? null : times.Max(), times.Count == 0 ? null : times.Min()));
        }
    }
}
