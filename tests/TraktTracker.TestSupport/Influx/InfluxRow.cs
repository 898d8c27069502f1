using System.Text.Json;

namespace TraktTracker.TestSupport.Influx;

/// <summary>One row of an InfluxQL answer (queried with <c>epoch=ns</c>): its series, GROUP BY tags and column values.</summary>
public sealed class InfluxRow
{
    public InfluxRow(string measurement, IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, JsonElement> values)
    {
        Measurement = measurement;
        Tags = tags;
        Values = values;
    }

    public string Measurement { get; }

    /// <summary>Tags the query grouped by (GROUP BY), empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    public IReadOnlyDictionary<string, JsonElement> Values { get; }

    /// <summary>The <c>time</c> column in nanoseconds since the epoch.</summary>
    public long Time => Values["time"].GetInt64();

    public bool IsNull(string column) => !Values.TryGetValue(column, out var v) || v.ValueKind == JsonValueKind.Null;

    public string? String(string column) => IsNull(column) ? null : Values[column].GetString();

    public long? Long(string column) => IsNull(column) ? null : Values[column].GetInt64();

    public double? Double(string column) => IsNull(column) ? null : Values[column].GetDouble();

    public bool? Bool(string column) => IsNull(column) ? null : Values[column].GetBoolean();

    /// <summary>A tag of the row: from GROUP BY, or a tag column of a plain SELECT.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : String(key);

    internal static IReadOnlyList<InfluxRow> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var topError))
        {
            throw new InvalidOperationException($"InfluxQL failed: {topError.GetString()}");
        }

        var rows = new List<InfluxRow>();
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"InfluxQL failed: {error.GetString()}");
            }

            if (result.TryGetProperty("series", out var series))
            {
                rows.AddRange(series.EnumerateArray().SelectMany(ParseSeries));
            }
        }

        return rows;
    }

    private static IEnumerable<InfluxRow> ParseSeries(JsonElement series)
    {
        var name = series.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = series.TryGetProperty("tags", out var t)
            ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : new Dictionary<string, string>();
        var columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        foreach (var value in series.GetProperty("values").EnumerateArray())
        {
            var cells = value.EnumerateArray().ToList();
            var values = columns.Select((c, i) => (c, cells[i].Clone())).ToDictionary(x => x.c, x => x.Item2);
            yield return new InfluxRow(name, tags, values);
        }
    }
}
