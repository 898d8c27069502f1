using System.Text.Json;

namespace TraktTracker.Trakt;

/// <summary>Typed reads from a JSON object that name the full field path when something is wrong.</summary>
internal readonly struct ItemReader
{
    private readonly JsonElement _element;
    private readonly string _path;

    public ItemReader(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new HistoryItemFormatException(path.Length == 0 ? "(item)" : path, $"is {Describe(element.ValueKind)}, expected an object");
        }

        _element = element;
        _path = path;
    }

    /// <summary>The nested object, or null when the field is absent or JSON null.</summary>
    public ItemReader? OptionalChild(string name) => Optional(name) is { } child ? new ItemReader(child, FieldPath(name)) : null;

    public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name) => Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => throw WrongKind(name, other, "a string"),
    };

    public long RequiredLong(string name) => OptionalLong(name) ?? throw Missing(name);

    public long? OptionalLong(string name) => Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var value) => value,
        { } other => throw WrongKind(name, other, "a whole number"),
    };

    public int RequiredInt(string name) => OptionalInt(name) ?? throw Missing(name);

    public int? OptionalInt(string name) => Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var value) => value,
        { } other => throw WrongKind(name, other, "a whole number"),
    };

    private JsonElement Required(string name) => Optional(name) ?? throw Missing(name);

    /// <summary>The value, or null when the field is absent or JSON null (Trakt sends both for "none").</summary>
    private JsonElement? Optional(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private HistoryItemFormatException Missing(string name) => new(FieldPath(name), "is missing or null");

    private HistoryItemFormatException WrongKind(string name, JsonElement value, string expected) =>
        new(FieldPath(name), $"is {Describe(value.ValueKind)}, expected {expected}");

    private string FieldPath(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "a boolean",
    };
}
