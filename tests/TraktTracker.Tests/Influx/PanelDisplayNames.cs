using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Influx;

/// <summary>
/// The names a person reads in a panel (legend entries, stat tiles, pie slices, table headers), derived as Grafana
/// derives them, and the names each panel should show in both dashboards.
/// </summary>
internal static partial class PanelDisplayNames
{
    /// <summary>What each panel should show, in any order, each name once.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>
    {
        ["Totals"] = ["Plays", "Minutes", "First watches", "Rewatches"],
        ["Plays per day"] = ["Plays"],
        ["Minutes per day"] = ["Minutes"],
        ["Movies vs episodes"] = ["movie", "episode"],
        ["Rewatches per day"] = ["Rewatches", "First watches"],
        ["Top shows"] = ["Show", "Plays"],
        ["Recent plays"] = ["Time", "Title", "Show", "Season", "Episode", "Minutes", "Type", "Rewatch", "Action"],
    };

    /// <summary>
    /// InfluxQL, Grafana's rules: a "table" result names its fields by column (the time column "Time"); a time series
    /// is named by the target's alias pattern ($col, $m, $tag_X, [[…]]) or else "measurement.column {tag: value}".
    /// </summary>
    public static IEnumerable<string> FromInfluxQl(DashboardPanel panel, IReadOnlyList<InfluxRow> rows)
    {
        var target = Assert.Single(panel.Json["targets"]!.AsArray())!;
        var alias = (string?)target["alias"];
        var table = (string?)target["resultFormat"] == "table";
        var names = new List<string>();
        foreach (var series in rows.GroupBy(r => (r.Measurement, Tags: string.Join(",", r.Tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")))))
        {
            var first = series.First();
            var columns = first.Values.Keys.Where(c => c != "time" && !first.Tags.ContainsKey(c));
            if (table)
            {
                names.AddRange(["Time", .. first.Tags.Keys, .. columns]);
                continue;
            }

            var tags = first.Tags.Count == 0 ? "" : $" {{ {string.Join(" ", first.Tags.OrderBy(t => t.Key).Select(t => $"{t.Key}: {t.Value}"))} }}";
            names.AddRange(columns.Select(column => string.IsNullOrEmpty(alias)
                ? $"{first.Measurement}.{column}{tags}"
                : AliasPart().Replace(alias, m => Alias(m.Groups["name"].Value, m.Value, first, column))));
        }

        return Shown(panel, Transformed(panel, names), "Time");
    }

    /// <summary>
    /// Flux, Grafana's rules: each result table is a frame; a value column is named by the column, with the group
    /// key's columns (other than _start/_stop) as labels after it; a table panel shows every column by its name.
    /// </summary>
    public static IEnumerable<string> FromFlux(DashboardPanel panel, IReadOnlyList<FluxTable> tables)
    {
        var names = new List<string>();
        foreach (var table in tables)
        {
            var labels = table.Key.Where(k => k.Key is not ("_start" or "_stop")).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
            var columns = table.Columns.Where(c => c is not ("_start" or "_stop"));
            names.AddRange((string)panel.Json["type"]! == "table"
                ? columns
                : columns.Where(c => c != "_time" && !table.Key.ContainsKey(c))
                    .Select(c => labels.Count == 0 ? c : $"{c} {{{string.Join(", ", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}"));
        }

        return Shown(panel, Transformed(panel, names), "_time");
    }

    /// <summary>The field names the panel's byName overrides expect to find.</summary>
    public static IEnumerable<string> OverrideTargets(DashboardPanel panel)
        => panel.Json["fieldConfig"]?["overrides"]?.AsArray().Select(o => o!["matcher"]!)
            .Where(m => (string?)m["id"] == "byName").Select(m => (string)m["options"]!) ?? [];

    private static string Alias(string name, string whole, InfluxRow series, string column) => name switch
    {
        "col" => column,
        "m" or "measurement" => series.Measurement,
        _ when name.StartsWith("tag_", StringComparison.Ordinal) && series.Tags.TryGetValue(name[4..], out var value) => value,
        _ => whole,
    };

    /// <summary>Only tables show their time column; stat tiles, pie slices and legends are the value fields.</summary>
    private static IEnumerable<string> Shown(DashboardPanel panel, IEnumerable<string> names, string timeColumn)
        => (string)panel.Json["type"]! == "table" ? names : names.Where(n => n != timeColumn);

    /// <summary>groupBy keeps its grouping fields and names each aggregate "field (calculation)"; organize renames.</summary>
    private static IEnumerable<string> Transformed(DashboardPanel panel, IEnumerable<string> names)
    {
        if (panel.Transformation("groupBy")?["options"]?["fields"]?.AsObject() is { } groupBy)
        {
            names = groupBy.SelectMany(f => (string?)f.Value!["operation"] == "groupby"
                ? [f.Key]
                : f.Value!["aggregations"]!.AsArray().Select(a => $"{f.Key} ({(string)a!})"));
        }

        var renames = panel.Transformation("organize")?["options"]?["renameByName"]?.AsObject();
        return names.Select(n => renames?[n] is JsonNode renamed ? (string)renamed! : n).ToList();
    }

    [GeneratedRegex(@"\[\[(?<name>[\w-]+)\]\]|\$(?<name>\w+)")]
    private static partial Regex AliasPart();
}
