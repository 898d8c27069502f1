using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>Turns fetched history items into one unit of work: parsed plays in, unparseable items to dead letters.</summary>
internal static class PageChanges
{
    public static ChangeSet From(IEnumerable<HistoryItem> items, string source)
    {
        var plays = new List<WatchEvent>();
        var deadLetters = new List<DeadLetterInput>();
        foreach (var item in items)
        {
            if (item.Play is { } play)
            {
                plays.Add(play);
            }
            else
            {
                deadLetters.Add(new DeadLetterInput(item.RawJson ?? "", item.Error ?? "unparseable history item", source));
            }
        }

        return new ChangeSet { Inserts = plays, DeadLetters = deadLetters };
    }

    /// <summary>The newest real watch time among the items (epoch "unknown date" plays carry no time).</summary>
    public static DateTimeOffset? NewestWatchedAt(IEnumerable<WatchEvent> plays)
        => plays.Where(p => !p.HasUnknownDate()).Select(p => (DateTimeOffset?)p.WatchedAt).DefaultIfEmpty().Max();
}
