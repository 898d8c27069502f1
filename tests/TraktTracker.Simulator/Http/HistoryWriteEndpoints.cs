using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// <c>POST /sync/history</c> (add plays) and <c>POST /sync/history/remove</c> (hard-delete plays by history id
/// or by item) Both bump <c>last_activities</c> for the media types they touch.
/// </summary>
internal static class HistoryWriteEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, TraktSimulator simulator)
    {
        routes.MapPost("/sync/history", context => AddAsync(context, simulator.History));
        routes.MapPost("/sync/history/remove", context => RemoveAsync(context, simulator.History));
    }

    private static async Task AddAsync(HttpContext context, SimulatedHistory history)
    {
        if (await RequestBody.JsonObjectAsync(context) is not { } body)
        {
            await InvalidBody(context);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var drafts = new List<PlayDraft>();
        SyncItems items;
        lock (history.Gate)
        {
            items = new SyncItems(history.Catalog);
            items.Resolve(body);
        }
        foreach (var target in items.Targets)
        {
            if (!SyncItems.TryReadWatchedAt(target.WatchedAt, now, out var watchedAt))
            {
                await Responses.Error(context, StatusCodes.Status422UnprocessableEntity, "invalid_watched_at",
                    $"watched_at must be an ISO-8601 UTC datetime or \"unknown\", not {target.WatchedAt}.");
                return;
            }
            drafts.Add(target.Movie is { } movie
                ? PlayDraft.ForMovie(movie, watchedAt, "watch")
                : PlayDraft.ForEpisode(target.Show!, target.Episode!, watchedAt, "watch"));
        }
        var added = history.AddRange(drafts);
        await Responses.Json(context, StatusCodes.Status201Created, w =>
        {
            w.WriteStartObject();
            WriteCounts(w, "added", added);
            WriteCounts(w, "updated", []);
            WriteNotFound(w, items, []);
            w.WriteEndObject();
        });
    }

    private static async Task RemoveAsync(HttpContext context, SimulatedHistory history)
    {
        if (await RequestBody.JsonObjectAsync(context) is not { } body)
        {
            await InvalidBody(context);
            return;
        }
        var historyIds = body.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Number).Select(i => i.GetInt64()).ToList()
            : [];
        SyncItems items;
        lock (history.Gate)
        {
            items = new SyncItems(history.Catalog);
            items.Resolve(body);
        }
        var byId = history.RemoveIds(historyIds);
        var movieIds = items.Targets.Where(t => t.Movie is not null).Select(t => t.Movie!.Ids.Trakt).ToHashSet();
        var episodeIds = items.Targets.Where(t => t.Episode is not null).Select(t => t.Episode!.Ids.Trakt).ToHashSet();
        var byItem = history.RemoveWhere(p => p.IsMovie ? movieIds.Contains(p.Movie!.Ids.Trakt) : episodeIds.Contains(p.Episode!.Ids.Trakt));
        var notFoundIds = historyIds.Except(byId.Select(p => p.Id)).ToList();
        await Responses.Json(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            WriteCounts(w, "deleted", [.. byId, .. byItem]);
            WriteNotFound(w, items, notFoundIds);
            w.WriteEndObject();
        });
    }

    private static Task InvalidBody(HttpContext context) =>
        Responses.Error(context, StatusCodes.Status400BadRequest, "invalid_request", "The request body must be a JSON object.");

    private static void WriteCounts(Utf8JsonWriter w, string name, IReadOnlyCollection<SimPlay> plays)
    {
        w.WriteStartObject(name);
        w.WriteNumber("movies", plays.Count(p => p.IsMovie));
        w.WriteNumber("episodes", plays.Count(p => !p.IsMovie));
        w.WriteEndObject();
    }

    private static void WriteNotFound(Utf8JsonWriter w, SyncItems items, IReadOnlyList<long> historyIds)
    {
        w.WriteStartObject("not_found");
        foreach (var group in SyncItems.Groups)
        {
            w.WriteStartArray(group);
            foreach (var item in items.NotFound[group]) item.WriteTo(w);
            w.WriteEndArray();
        }
        w.WriteStartArray("ids");
        foreach (var id in historyIds) w.WriteNumberValue(id);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
