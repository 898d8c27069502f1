using System.Text.RegularExpressions;

namespace TraktTracker.Tests.Influx;

/// <summary>
/// dashboards/trakttracker-flux.json. There is no Flux engine on these machines (InfluxDB 1.6.7 has none, and no
/// 2.x can be installed), so its queries are not run: the file must parse, offer the InfluxQL dashboard's panels,
/// and use only the measurement, tag and field names the projector writes, each from the right bucket.
/// </summary>
public sealed partial class FluxDashboardTests
{
    private static readonly Dashboard Flux = Dashboard.Load(Dashboard.Flux);

    private static readonly Dictionary<string, string> BucketOf = new()
    {
        ["watch_event"] = "${raw_bucket}",
        ["watch_daily"] = "${agg_bucket}",
    };

    public static TheoryData<string> PanelTitles() => new(Flux.Panels.Select(p => p.Title));

    [Fact]
    public void It_has_a_datasource_variable_and_bucket_variables_defaulting_to_the_settings_defaults()
    {
        Assert.Equal("datasource", Flux.Variables["influx"]);
        var buckets = Flux.Json["templating"]!["list"]!.AsArray().Where(v => ((string)v!["name"]!).EndsWith("_bucket", StringComparison.Ordinal))
            .ToDictionary(v => (string)v!["name"]!, v => (string)v!["query"]!);
        Assert.Equal(new Dictionary<string, string> { ["raw_bucket"] = "trakt_raw", ["agg_bucket"] = "trakt_agg" }, buckets);
    }

    [Fact]
    public void It_offers_the_same_panels_as_the_InfluxQL_dashboard()
        => Assert.Equal(Dashboard.Load(Dashboard.InfluxQl).Panels.Select(p => p.Title), Flux.Panels.Select(p => p.Title));

    [Theory]
    [MemberData(nameof(PanelTitles))]
    public void Panel_query_reads_real_names_from_the_right_bucket_within_the_dashboard_range(string title)
    {
        var panel = Flux.Panels.Single(p => p.Title == title);
        var query = Assert.Single(panel.Queries);
        var measurement = Assert.Single(Matches(MeasurementFilter(), query).Distinct());
        var (tags, fields) = DashboardSchema.Measurements[measurement];

        Assert.Equal("influx", panel.DatasourceVariable);
        Assert.Contains($"from(bucket: \"{BucketOf[measurement]}\")", query);
        Assert.Contains("range(start: v.timeRangeStart, stop: v.timeRangeStop)", query);
        Assert.All(Matches(FieldFilter(), query), f => Assert.Contains(f, fields));
        Assert.All(Matches(TagFilter(), query).Where(t => !t.StartsWith('_')), t => Assert.Contains(t, tags));
        Assert.All(KeptColumns(query), c => Assert.True(c is "_time" or "_value" || tags.Contains(c) || fields.Contains(c) || Made(query, c), $"keep() names unknown column {c}"));
    }

    [Theory]
    [MemberData(nameof(PanelTitles))]
    public void Panel_series_carry_the_names_a_person_expects(string title)
    {
        var panel = Flux.Panels.Single(p => p.Title == title);

        var names = PanelDisplayNames.FromFlux(panel, FluxTables.Evaluate(Assert.Single(panel.Queries))).ToList();

        Assert.Equal(PanelDisplayNames.Expected[title].Order(), names.Order());
        Assert.All(PanelDisplayNames.OverrideTargets(panel), target => Assert.Contains(target, names));
    }

    private static IEnumerable<string> Matches(Regex regex, string text) => regex.Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>A column the query itself names: a renamed field (map) that pivot() turns into a column.</summary>
    private static bool Made(string query, string column) => query.Contains($"then \"{column}\"", StringComparison.Ordinal) || query.Contains($"else \"{column}\"", StringComparison.Ordinal);

    private static IEnumerable<string> KeptColumns(string query)
        => Matches(KeepCall(), query).SelectMany(list => Matches(Quoted(), list));

    [GeneratedRegex("r\\._measurement == \"([^\"]+)\"")]
    private static partial Regex MeasurementFilter();

    [GeneratedRegex("r\\._field == \"([^\"]+)\"")]
    private static partial Regex FieldFilter();

    [GeneratedRegex("r\\.([A-Za-z_]+) [!=]= \"")]
    private static partial Regex TagFilter();

    [GeneratedRegex("""keep\(columns: \[([^\]]*)\]\)""")]
    private static partial Regex KeepCall();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
