using System.Runtime.CompilerServices;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// Get-TraktHistory -Online: plays straight from the API, newest first, page by page, nothing stored. Rewatch flags
/// need the whole ordered history, so online plays always say IsRewatch = false.
/// </summary>
internal static class OnlineHistory
{
    public static async IAsyncEnumerable<WatchEvent> StreamAsync(TraktClient client, HistoryFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in client.ReadHistoryAsync(RequestFor(filter), ct).ConfigureAwait(false))
        {
            foreach (var play in page.Items.Select(i => i.Play).OfType<WatchEvent>().Where(p => InOpenRange(p, filter)))
            {
                yield return play;
            }
        }
    }

    private static HistoryRequest RequestFor(HistoryFilter filter) => new()
    {
        Type = filter.Type switch { MediaType.Movie => "movies", MediaType.Episode => "episodes", _ => "all" },
        StartAt = filter.After,
        EndAt = filter.Before,
    };

    /// <summary>The API may treat start_at/end_at as inclusive; the filter's bounds are strict, as for the local store.</summary>
    private static bool InOpenRange(WatchEvent play, HistoryFilter filter)
        => (filter.After is null || play.WatchedAt > filter.After) && (filter.Before is null || play.WatchedAt < filter.Before);
}
