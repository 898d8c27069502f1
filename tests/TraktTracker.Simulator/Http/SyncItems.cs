using System.Globalization;
using System.Text.Json;

namespace TraktTracker.Simulator.Http;

/// <summary>One movie or episode named by a sync request, with the <c>watched_at</c> that applies to it.</summary>
internal sealed record SyncTarget(SimMovie? Movie, SimShow? Show, SimEpisode? Episode, JsonElement? WatchedAt);

/// <summary>
/// Resolves the <c>movies</c>/<c>shows</c>/<c>seasons</c>/<c>episodes</c> arrays of <c>POST /sync/history</c> and
/// <c>/sync/history/remove</c> against the catalog by trakt id. A show or season without nested items means all
/// its known episodes; nested <c>watched_at</c> values override outer ones. Unknown items go to
/// <see cref="NotFound"/>, echoed as sent. Call with the history lock held.
/// </summary>
internal sealed class SyncItems(MediaCatalog catalog)
{
    public static readonly string[] Groups = ["movies", "shows", "seasons", "episodes"];

    public List<SyncTarget> Targets { get; } = [];

    public Dictionary<string, List<JsonElement>> NotFound { get; } = Groups.ToDictionary(g => g, _ => new List<JsonElement>());

    public void Resolve(JsonElement body)
    {
        foreach (var item in Items(body, "movies"))
        {
            if (TraktId(item) is { } id && catalog.FindMovie(id) is { } movie) Targets.Add(new SyncTarget(movie, null, null, WatchedAt(item)));
            else NotFound["movies"].Add(item);
        }
        foreach (var item in Items(body, "episodes"))
        {
            if (TraktId(item) is { } id && catalog.FindEpisode(id) is { } found)
                Targets.Add(new SyncTarget(null, found.Show, found.Episode, WatchedAt(item)));
            else NotFound["episodes"].Add(item);
        }
        foreach (var item in Items(body, "seasons"))
        {
            var episodes = TraktId(item) is { } id ? catalog.EpisodesOfSeason(id) : [];
            if (episodes.Count == 0) NotFound["seasons"].Add(item);
            Targets.AddRange(episodes.Select(e => new SyncTarget(null, e.Show, e.Episode, WatchedAt(item))));
        }
        foreach (var item in Items(body, "shows")) ResolveShow(item);
    }

    private void ResolveShow(JsonElement item)
    {
        if (TraktId(item) is not { } showId || catalog.FindShow(showId) is not { } show)
        {
            NotFound["shows"].Add(item);
            return;
        }
        var showWatchedAt = WatchedAt(item);
        if (!item.TryGetProperty("seasons", out var seasons) || seasons.ValueKind != JsonValueKind.Array)
        {
            Targets.AddRange(catalog.EpisodesOf(showId).Select(e => new SyncTarget(null, show, e.Episode, showWatchedAt)));
            return;
        }
        foreach (var season in seasons.EnumerateArray())
        {
            var number = IntProperty(season, "number");
            var seasonWatchedAt = WatchedAt(season) ?? showWatchedAt;
            if (!season.TryGetProperty("episodes", out var episodes) || episodes.ValueKind != JsonValueKind.Array)
            {
                var all = number is null ? [] : catalog.EpisodesOf(showId, number);
                if (all.Count == 0) NotFound["seasons"].Add(season);
                Targets.AddRange(all.Select(e => new SyncTarget(null, show, e.Episode, seasonWatchedAt)));
                continue;
            }
            foreach (var episode in episodes.EnumerateArray())
            {
                var found = number is { } s && IntProperty(episode, "number") is { } n ? catalog.FindEpisode(showId, s, n) : null;
                if (found is null) NotFound["episodes"].Add(episode);
                else Targets.Add(new SyncTarget(null, show, found, WatchedAt(episode) ?? seasonWatchedAt));
            }
        }
    }

    /// <summary>
    /// A play's date: an ISO datetime, <c>"unknown"</c> (the epoch), or now when omitted. Returns false for
    /// anything else, including <c>"released"</c>, which the simulator does not model.
    /// </summary>
    public static bool TryReadWatchedAt(JsonElement? value, DateTimeOffset now, out DateTimeOffset watchedAt)
    {
        watchedAt = now;
        if (value is not { } element || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind != JsonValueKind.String) return false;
        var text = element.GetString()!;
        if (text == "unknown")
        {
            watchedAt = TraktTime.UnknownDate;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out watchedAt);
    }

    private static IEnumerable<JsonElement> Items(JsonElement body, string group) =>
        body.TryGetProperty(group, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static long? TraktId(JsonElement item) =>
        item.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Object
        && ids.TryGetProperty("trakt", out var trakt) && trakt.TryGetInt64(out var id) ? id : null;

    private static int? IntProperty(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number : null;

    private static JsonElement? WatchedAt(JsonElement item) =>
        item.TryGetProperty("watched_at", out var value) ? value : null;
}
