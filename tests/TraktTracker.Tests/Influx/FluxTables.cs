using System.Text.RegularExpressions;

namespace TraktTracker.Tests.Influx;

/// <summary>One table of a Flux result as far as names go: its group key (column → value, null when unknown) and columns.</summary>
internal sealed record FluxTable(IReadOnlyDictionary<string, string?> Key, IReadOnlyList<string> Columns)
{
    public string KeySignature => string.Join(",", Key.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"));
}

/// <summary>
/// Which tables, with which group keys and columns, a dashboard's Flux query yields: the query's pipeline applied to
/// the series the projector writes (<see cref="DashboardSchema"/>), at the level of names, not values. There is no Flux
/// engine on these machines; this follows the Flux documentation of each function the dashboards use (filter, group,
/// sum, map, rename, keep, drop, pivot) and refuses any other, so a new query cannot slip past it unmodelled.
/// </summary>
internal static partial class FluxTables
{
    private static readonly string[] NoSchemaChange = ["from", "range", "sort", "limit", "yield"];

    public static IReadOnlyList<FluxTable> Evaluate(string query)
    {
        var tables = new List<FluxTable>();
        foreach (var step in query.Split("|>").Select(s => s.Trim()))
        {
            var call = Call().Match(step);
            Assert.True(call.Success, $"not a Flux call: {step}");
            var (function, arguments) = (call.Groups[1].Value, call.Groups[2].Value);
            tables = function switch
            {
                _ when NoSchemaChange.Contains(function) => tables,
                "filter" => Filter(tables, Lambda(arguments)),
                "group" => Regroup(tables.Select(t => Rekey(t, arguments.Length == 0 ? [] : List(arguments, "columns")))),
                "sum" => tables.Select(t => t with { Columns = [.. t.Key.Keys, Text(arguments, "column") ?? "_value"] }).ToList(),
                "map" => Regroup(tables.Select(t => Map(t, Lambda(arguments)))),
                "rename" => tables.Select(t => Rename(t, Pairs(arguments))).ToList(),
                "keep" => Regroup(tables.Select(t => Select(t, List(arguments, "columns").Contains))),
                "drop" => Regroup(tables.Select(t => Select(t, c => !List(arguments, "columns").Contains(c)))),
                "pivot" => Pivot(tables, List(arguments, "rowKey"), Assert.Single(List(arguments, "columnKey")), Text(arguments, "valueColumn")!),
                _ => throw new Xunit.Sdk.XunitException($"Flux function {function}() is not modelled here: add it to {nameof(FluxTables)}"),
            };
        }

        return tables;
    }

    /// <summary>What from() |> range() |> filter(measurement) start with: one table per series, keyed as InfluxDB keys them.</summary>
    private static List<FluxTable> Filter(List<FluxTable> tables, string predicate)
    {
        if (tables.Count == 0)
        {
            var measurement = MeasurementOf().Match(predicate).Groups[1].Value;
            tables = Series(measurement).ToList();
        }

        return tables.Where(t => Condition(predicate, t.Key) != false).ToList();
    }

    private static IEnumerable<FluxTable> Series(string measurement)
    {
        var tags = DashboardSchema.TagValues[measurement];
        IEnumerable<Dictionary<string, string?>> keys = [new() { ["_measurement"] = measurement, ["_start"] = null, ["_stop"] = null }];
        foreach (var (tag, values) in tags)
        {
            keys = keys.SelectMany(k => values.Select(v => new Dictionary<string, string?>(k) { [tag] = v }));
        }

        return keys.SelectMany(k => DashboardSchema.Measurements[measurement].Fields.Select(field =>
            new FluxTable(new Dictionary<string, string?>(k) { ["_field"] = field }, [.. k.Keys, "_field", "_time", "_value"])));
    }

    private static FluxTable Rekey(FluxTable table, IReadOnlyList<string> columns)
        => table with { Key = columns.ToDictionary(c => c, c => table.Key.GetValueOrDefault(c)) };

    private static FluxTable Map(FluxTable table, string body)
    {
        var record = RecordLiteral().Match(body);
        Assert.True(record.Success, $"map() must build a record literal: {body}");
        var assigned = SplitTopLevel(record.Groups[2].Value).Select(a => a.Split(':', 2)).ToDictionary(a => a[0].Trim(), a => Value(a[1], table.Key));
        var columns = (record.Groups[1].Success ? table.Columns : []).Concat(assigned.Keys).Distinct().ToList();
        var key = table.Key.Where(k => columns.Contains(k.Key)).ToDictionary(k => k.Key, k => assigned.TryGetValue(k.Key, out var v) ? v : k.Value);
        return new FluxTable(key, columns);
    }

    private static FluxTable Rename(FluxTable table, IReadOnlyDictionary<string, string> names)
    {
        string Renamed(string column) => names.GetValueOrDefault(column, column);
        return new FluxTable(table.Key.ToDictionary(k => Renamed(k.Key), k => k.Value), table.Columns.Select(Renamed).ToList());
    }

    private static FluxTable Select(FluxTable table, Func<string, bool> keep)
        => new(table.Key.Where(k => keep(k.Key)).ToDictionary(k => k.Key, k => k.Value), table.Columns.Where(keep).ToList());

    private static List<FluxTable> Pivot(List<FluxTable> tables, IReadOnlyList<string> rowKey, string columnKey, string valueColumn)
    {
        var pivoted = tables.Select(t =>
        {
            Assert.True(t.Key.TryGetValue(columnKey, out var column) && column is not null, $"pivot() on {columnKey}, which this table's key does not fix");
            var key = t.Key.Where(k => k.Key != columnKey && k.Key != valueColumn).ToDictionary(k => k.Key, k => k.Value);
            Assert.All(rowKey, c => Assert.Contains(c, t.Columns));
            return new FluxTable(key, [.. rowKey, .. key.Keys, column]);
        });
        return Regroup(pivoted);
    }

    /// <summary>Tables with one group key become one table with the union of their columns.</summary>
    private static List<FluxTable> Regroup(IEnumerable<FluxTable> tables)
        => tables.GroupBy(t => t.KeySignature)
            .Select(g => new FluxTable(g.First().Key, g.SelectMany(t => t.Columns).Distinct().ToList()))
            .ToList();

    /// <summary>A predicate over group-key values: true, false, or null when a value it reads is not known.</summary>
    private static bool? Condition(string predicate, IReadOnlyDictionary<string, string?> key)
    {
        bool? Compare(string comparison)
        {
            var m = Comparison().Match(comparison.Trim());
            Assert.True(m.Success, $"not a modelled comparison: {comparison}");
            return key.TryGetValue(m.Groups[1].Value, out var value) && value is not null ? (value == m.Groups[3].Value) == (m.Groups[2].Value == "==") : null;
        }

        bool? All(string conjunction) => conjunction.Split(" and ").Select(Compare).Aggregate((bool?)true, (a, b) => a == false || b == false ? false : a & b);
        return predicate.Split(" or ").Select(All).Aggregate((bool?)false, (a, b) => a == true || b == true ? true : a | b);
    }

    /// <summary>A string the expression gives for this table (a literal, a key column, an if-chain of those); null otherwise.</summary>
    private static string? Value(string expression, IReadOnlyDictionary<string, string?> key)
    {
        expression = expression.Trim();
        var branch = IfThenElse().Match(expression);
        if (branch.Success)
        {
            return Condition(branch.Groups[1].Value, key) switch
            {
                true => Value(branch.Groups[2].Value, key),
                false => Value(branch.Groups[3].Value, key),
                null => null,
            };
        }

        var literal = Quoted().Match(expression);
        if (literal.Success && literal.Length == expression.Length)
        {
            return literal.Groups[1].Value;
        }

        var column = Column().Match(expression);
        return column.Success ? key.GetValueOrDefault(column.Groups[1].Value) : null;
    }

    private static string Lambda(string arguments)
    {
        var m = LambdaBody().Match(arguments);
        Assert.True(m.Success, $"not a modelled function argument: {arguments}");
        return m.Groups[1].Value;
    }

    private static IReadOnlyList<string> List(string arguments, string name)
    {
        var m = Regex.Match(arguments, $@"\b{name}: \[([^\]]*)\]");
        Assert.True(m.Success, $"no {name}: [...] in ({arguments})");
        return Quoted().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value).ToList();
    }

    private static string? Text(string arguments, string name)
    {
        var m = Regex.Match(arguments, $@"\b{name}: ""([^""]*)""");
        return m.Success ? m.Groups[1].Value : null;
    }

    private static Dictionary<string, string> Pairs(string arguments)
        => RenamePair().Matches(arguments).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var (depth, quoted, start) = (0, false, 0);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '(' or '{' or '[' when !quoted:
                    depth++;
                    break;
                case ')' or '}' or ']' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^(\w+)\((.*)\)$", RegexOptions.Singleline)]
    private static partial Regex Call();

    [GeneratedRegex(@"fn: \(r\) => (.*)$", RegexOptions.Singleline)]
    private static partial Regex LambdaBody();

    [GeneratedRegex(@"^\(\{(r with )?(.*)\}\)$", RegexOptions.Singleline)]
    private static partial Regex RecordLiteral();

    [GeneratedRegex(@"^if (.+?) then (.+?) else (.+)$", RegexOptions.Singleline)]
    private static partial Regex IfThenElse();

    [GeneratedRegex(@"^r\.(\w+) (==|!=) ""([^""]*)""$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^r\.(\w+)$")]
    private static partial Regex Column();

    [GeneratedRegex(@"r\._measurement == ""([^""]+)""")]
    private static partial Regex MeasurementOf();

    [GeneratedRegex(@"(\w+): ""([^""]*)""")]
    private static partial Regex RenamePair();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex Quoted();
}
