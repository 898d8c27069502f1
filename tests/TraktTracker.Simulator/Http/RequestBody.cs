using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator.Http;

/// <summary>Reads request bodies; a body that is not the JSON it should be yields null, never an exception.</summary>
internal static class RequestBody
{
    public static async Task<JsonElement?> JsonObjectAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Flat string fields of an OAuth request. Trakt documents JSON bodies; OAuth clients also send forms, which
    /// Doorkeeper accepts too.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>?> OAuthFieldsAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString());
        }
        var json = await JsonObjectAsync(context);
        return json?.EnumerateObject()
            .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
    }
}
