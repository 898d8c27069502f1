using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// <c>GET /sync/history[/{type}[/{id}]]</c> and its public twin <c>/users/{id}/history…</c>:
/// newest first, inclusive <c>start_at</c>/<c>end_at</c>, clamped <c>limit</c>, the four X-Pagination headers.
/// </summary>
internal static class HistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, TraktSimulator simulator)
    {
        routes.MapGet("/sync/history/{type?}/{id?}", context => HistoryAsync(context, simulator));
        routes.MapGet("/users/{user}/history/{type?}/{id?}", context => UserHistoryAsync(context, simulator));
    }

    private static Task UserHistoryAsync(HttpContext context, TraktSimulator simulator)
    {
        var user = context.Request.RouteValues["user"] as string;
        var isMe = user == "me" || user == Slugs.From(simulator.Options.Username, null);
        return isMe ? HistoryAsync(context, simulator) : Responses.Empty(context, StatusCodes.Status404NotFound);
    }

    private static Task HistoryAsync(HttpContext context, TraktSimulator simulator)
    {
        if (!TryReadScope(context, out var scope, out var itemId))
            return Responses.Empty(context, StatusCodes.Status404NotFound);
        var query = context.Request.Query;
        if (!TryReadBound(query["start_at"], isUpperBound: false, out var startAt)
            || !TryReadBound(query["end_at"], isUpperBound: true, out var endAt))
            return Responses.Error(context, StatusCodes.Status400BadRequest, "invalid_date",
                "start_at and end_at must be ISO-8601 datetimes (2016-06-01T00:00:00.000Z) or dates (2016-06-01).");

        var options = simulator.Options;
        var page = Math.Max(1, ReadInt(query["page"]) ?? 1);
        var limit = ReadInt(query["limit"]) is { } requested and > 0 ? Math.Min(requested, options.MaxLimit) : options.DefaultLimit;
        var full = query["extended"].ToString().Split(',').Contains("full");

        var matching = simulator.History.View.Select(new HistoryQuery(scope, itemId, startAt, endAt));
        var headers = context.Response.Headers;
        headers["X-Pagination-Page"] = Invariant(page);
        headers["X-Pagination-Limit"] = Invariant(limit);
        headers["X-Pagination-Page-Count"] = Invariant((matching.Count + limit - 1) / limit);
        headers["X-Pagination-Item-Count"] = Invariant(matching.Count);

        var offset = (long)(page - 1) * limit;
        var items = offset >= matching.Count ? ArraySegment<StoredPlay>.Empty : matching.Slice((int)offset, (int)Math.Min(limit, matching.Count - offset));
        var malformed = context.Items[EdgeLayer.FaultItem] as SimFault;
        return Responses.Bytes(context, StatusCodes.Status200OK, Responses.JsonContentType, PageJson.Render(items, full, malformed?.Shape));
    }

    private static bool TryReadScope(HttpContext context, out HistoryScope scope, out long? itemId)
    {
        var values = context.Request.RouteValues;
        scope = HistoryScope.All;
        itemId = null;
        if (values["type"] is string type)
        {
            var known = type switch
            {
                "movies" => HistoryScope.Movies,
                "shows" => HistoryScope.Shows,
                "seasons" => HistoryScope.Seasons,
                "episodes" => HistoryScope.Episodes,
                _ => (HistoryScope?)null,
            };
            if (known is null) return false;
            scope = known.Value;
        }
        if (values["id"] is string id)
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
            itemId = parsed;
        }
        return true;
    }

    private static bool TryReadBound(string? text, bool isUpperBound, out DateTimeOffset? bound)
    {
        bound = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!TraktTime.TryParseBound(text, isUpperBound, out var parsed)) return false;
        bound = parsed;
        return true;
    }

    private static int? ReadInt(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
