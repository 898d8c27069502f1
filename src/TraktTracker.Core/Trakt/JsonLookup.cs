using System.Globalization;
using System.Text.Json;

namespace TraktTracker.Trakt;

/// <summary>Lenient reads for answers whose shape drifts over time: a missing or odd value gives null.</summary>
internal static class JsonLookup
{
    public static JsonElement? Find(JsonElement root, params string[] path)
    {
        var current = root;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public static string? String(JsonElement root, params string[] path) =>
        Find(root, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static double? Number(JsonElement root, params string[] path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static bool Bool(JsonElement root, params string[] path) =>
        Find(root, path) is { ValueKind: JsonValueKind.True };

    public static DateTimeOffset? Date(JsonElement root, params string[] path) =>
        String(root, path) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : null;
}
