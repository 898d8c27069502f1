using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TraktTracker.Simulator.Http;

/// <summary><c>GET /users/settings</c> and <c>GET /sync/last_activities</c> (§4).</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, TraktSimulator simulator)
    {
        routes.MapGet("/users/settings", context => SettingsAsync(context, simulator.Options));
        routes.MapGet("/sync/last_activities", context => LastActivitiesAsync(context, simulator.History));
    }

    private static Task SettingsAsync(HttpContext context, SimulatorOptions options) =>
        Responses.Json(context, StatusCodes.Status200OK, w =>
        {
            var slug = Slugs.From(options.Username, null);
            w.WriteStartObject();
            w.WriteStartObject("user");
            w.WriteString("username", options.Username);
            w.WriteBoolean("private", false);
            w.WriteString("name", "Simulated User");
            w.WriteBoolean("vip", options.Vip);
            w.WriteBoolean("vip_ep", false);
            w.WriteBoolean("director", false);
            w.WriteStartObject("ids");
            w.WriteString("slug", slug);
            w.WriteNumber("trakt", 1234);
            w.WriteString("uuid", Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(slug))));
            w.WriteEndObject();
            w.WriteString("joined_at", "2010-09-25T17:49:25.000Z");
            w.WriteEndObject();
            w.WriteStartObject("account");
            w.WriteString("timezone", options.Timezone);
            w.WriteString("date_format", "dmy");
            w.WriteBoolean("time_24hr", true);
            w.WriteEndObject();
            WriteFlags(w, "permissions", "commenting", "liking", "following");
            WriteLimits(w, options.Vip);
            w.WriteEndObject();
        });

    private static void WriteFlags(Utf8JsonWriter w, string name, params string[] flags)
    {
        w.WriteStartObject(name);
        foreach (var flag in flags) w.WriteBoolean(flag, true);
        w.WriteEndObject();
    }

    /// <summary>The 2026 free/VIP limits; history is capped at 100,000 plays for both.</summary>
    private static void WriteLimits(Utf8JsonWriter w, bool vip)
    {
        w.WriteStartObject("limits");
        w.WriteStartObject("list");
        w.WriteNumber("count", vip ? 1000 : 2);
        w.WriteNumber("item_count", vip ? 5000 : 100);
        w.WriteEndObject();
        w.WriteStartObject("watchlist");
        w.WriteNumber("item_count", vip ? 5000 : 100);
        w.WriteEndObject();
        w.WriteStartObject("favorites");
        w.WriteNumber("item_count", vip ? 100 : 50);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// The full 2026 shape; only the watched_at keys move, everything else stays at start time. The Date header is
    /// the exact second of the read (Kestrel's own may lag a second), which a client compares the values with.
    /// </summary>
    private static Task LastActivitiesAsync(HttpContext context, SimulatedHistory history) =>
        Responses.Json(context, StatusCodes.Status200OK, w =>
        {
            context.Response.Headers.Date = DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var (movies, episodes) = history.ActivityTimes();
            history.ActivitiesRead();
            var still = TraktTime.Format(history.CreatedAt);
            w.WriteStartObject();
            w.WriteString("all", TraktTime.Format(movies > episodes ? movies : episodes));
            WriteGroup(w, "movies", still, ("watched_at", movies), "collected_at", "rated_at", "watchlisted_at",
                "favorited_at", "commented_at", "paused_at", "hidden_at");
            WriteGroup(w, "episodes", still, ("watched_at", episodes), "collected_at", "rated_at", "watchlisted_at",
                "commented_at", "paused_at");
            WriteGroup(w, "shows", still, null, "rated_at", "watchlisted_at", "favorited_at", "commented_at", "hidden_at", "dropped_at");
            WriteGroup(w, "seasons", still, null, "rated_at", "watchlisted_at", "commented_at", "hidden_at");
            WriteGroup(w, "comments", still, null, "liked_at", "reacted_at", "blocked_at");
            WriteGroup(w, "lists", still, null, "liked_at", "reacted_at", "updated_at", "commented_at");
            foreach (var group in new[] { "watchlist", "favorites", "collaborations" })
                WriteGroup(w, group, still, null, "updated_at");
            WriteGroup(w, "account", still, null, "settings_at", "followed_at", "following_at", "pending_at", "requested_at");
            WriteGroup(w, "saved_filters", still, null, "updated_at");
            WriteGroup(w, "notes", still, null, "updated_at");
            w.WriteEndObject();
        });

    private static void WriteGroup(Utf8JsonWriter w, string name, string still, (string Key, DateTimeOffset At)? moving,
        params string[] keys)
    {
        w.WriteStartObject(name);
        if (moving is { } m) w.WriteString(m.Key, TraktTime.Format(m.At));
        foreach (var key in keys) w.WriteString(key, still);
        w.WriteEndObject();
    }
}
