using System.Text.Json.Nodes;
using TraktTracker.Influx;
using TraktTracker.Tests.Sync;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Influx;

/// <summary>
/// Every panel query of dashboards/trakttracker-influxql.json, with Grafana's macros filled in, run against a real
/// influxd 1.6.7 after a known backfill; the numbers must be what the simulator's history implies.
/// </summary>
[Collection(InfluxServerCollection.Name)]
public sealed class DashboardQueryTests(InfluxDbServer server)
{
    // A range that starts mid-day on Berlin's 2023 spring-forward day and ends mid-day, so both edges cut days.
    private static readonly DateTimeOffset From = new(2023, 3, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 6, 30, 9, 30, 0, TimeSpan.Zero);

    // One backfill serves every panel case.
    private static Task<KnownBackfill>? backfill;

    public static TheoryData<string> PanelTitles() => new(Dashboard.Load(Dashboard.InfluxQl).Panels.Select(p => p.Title));

    [Theory]
    [MemberData(nameof(PanelTitles))]
    public async Task Panel_query_gives_the_numbers_the_history_implies(string title)
    {
        var known = await LazyInitializer.EnsureInitialized(ref backfill, () => KnownBackfill.CreateAsync(server));
        var panel = Dashboard.Load(Dashboard.InfluxQl).Panels.Single(p => p.Title == title);
        var query = Substitute(Assert.Single(panel.Queries));
        Assert.DoesNotContain("$", query);
        Assert.All(panel.TargetDatasourceVariables, v => Assert.Equal(panel.DatasourceVariable, v));
        var database = panel.DatasourceVariable switch
        {
            "raw" => known.RawDatabase,
            "agg" => known.AggregateDatabase,
            var other => throw new Xunit.Sdk.XunitException($"panel '{title}' uses datasource variable '{other}', not raw or agg"),
        };

        var rows = await server.QueryAsync(database, query);

        Assert.True(Checks.TryGetValue(title, out var check), $"panel '{title}' has no check here: add one");
        check(rows, new Expected(known.Plays, known.Zone, From, To), panel);
    }

    [Theory]
    [MemberData(nameof(PanelTitles))]
    public async Task Panel_series_carry_the_names_a_person_expects(string title)
    {
        var known = await LazyInitializer.EnsureInitialized(ref backfill, () => KnownBackfill.CreateAsync(server));
        var panel = Dashboard.Load(Dashboard.InfluxQl).Panels.Single(p => p.Title == title);
        var rows = await server.QueryAsync(panel.DatasourceVariable == "raw" ? known.RawDatabase : known.AggregateDatabase, Substitute(Assert.Single(panel.Queries)));

        var names = PanelDisplayNames.FromInfluxQl(panel, rows).ToList();

        Assert.Equal(PanelDisplayNames.Expected[title].Order(), names.Order());
        Assert.All(PanelDisplayNames.OverrideTargets(panel), target => Assert.Contains(target, names));
    }

    /// <summary>Grafana's InfluxQL macros as it expands them for an absolute range (times in ms, both ends included).</summary>
    private static string Substitute(string query) => query
        .Replace("$timeFilter", $"time >= {From.ToUnixTimeMilliseconds()}ms and time <= {To.ToUnixTimeMilliseconds()}ms")
        .Replace("$__interval_ms", "86400000")
        .Replace("${__interval}", "1d")
        .Replace("$__interval", "1d");

    private static readonly Dictionary<string, Action<IReadOnlyList<InfluxRow>, Expected, DashboardPanel>> Checks = new()
    {
        ["Totals"] = (rows, expected, _) =>
        {
            var row = Assert.Single(rows);
            Assert.Equal(expected.SumDaily(DailyField.Events), row.Long("Plays"));
            Assert.Equal(expected.SumDaily(DailyField.Minutes), row.Long("Minutes"));
            Assert.Equal(expected.SumDaily(DailyField.FirstWatches), row.Long("First watches"));
            Assert.Equal(expected.SumDaily(DailyField.Rewatches), row.Long("Rewatches"));
        },
        ["Plays per day"] = (rows, expected, _) => AssertPerDay(rows, expected, "Plays", DailyField.Events),
        ["Minutes per day"] = (rows, expected, _) => AssertPerDay(rows, expected, "Minutes", DailyField.Minutes),
        ["Rewatches per day"] = (rows, expected, _) =>
        {
            AssertPerDay(rows, expected, "Rewatches", DailyField.Rewatches);
            AssertPerDay(rows, expected, "First watches", DailyField.FirstWatches);
        },
        ["Movies vs episodes"] = (rows, expected, _) =>
        {
            var byType = rows.ToDictionary(r => r.Tag("media_type")!, r => r.Long("Plays")!.Value);
            Assert.Equal(new Dictionary<string, long>
            {
                ["movie"] = expected.SumDaily(DailyField.Events, "movie"),
                ["episode"] = expected.SumDaily(DailyField.Events, "episode"),
            }, byType);
        },
        ["Top shows"] = AssertTopShows,
        ["Recent plays"] = (rows, expected, _) =>
        {
            var newest = expected.RawPlays().OrderByDescending(Expected.PointTime).Take(50).ToList();
            Assert.Equal(50, rows.Count);
            Assert.Equal(newest.Select(p => (Expected.PointTime(p), (string?)p.Title, (string?)ProjectionSchema.MediaTypeName(p.Type), p.ShowTitle)),
                rows.Select(r => (r.Time, r.String("title"), r.Tag("media_type"), r.String("show_title"))));
        },
    };

    private static void AssertPerDay(IReadOnlyList<InfluxRow> rows, Expected expected, string column, DailyField field)
    {
        var perDay = expected.Daily("all").ToDictionary(d => d.Key, d => d.Value[(int)field]);
        Assert.True(perDay.Count > 100, "the range should cover many days");
        Assert.Equal(perDay, rows.ToDictionary(r => r.Time, r => r.Long(column)!.Value));
    }

    /// <summary>The query gives one row per episode play; the panel's own groupBy/sortBy/limit transformations make the top list.</summary>
    private static void AssertTopShows(IReadOnlyList<InfluxRow> rows, Expected expected, DashboardPanel panel)
    {
        var plays = expected.RawPlays().Where(p => p.Type == MediaType.Episode).ToList();
        var perShow = plays.GroupBy(p => p.ShowTitle!).ToDictionary(g => g.Key, g => g.Count());
        var groupBy = panel.Transformation("groupBy")!["options"]!["fields"]!.AsObject();
        var titleColumn = groupBy.Single(f => (string?)f.Value!["operation"] == "groupby").Key;
        var countColumn = groupBy.Single(f => f.Value!["aggregations"]!.AsArray().Any(a => (string?)a == "count")).Key;
        var limit = (int)panel.Transformation("limit")!["options"]!["limitField"]!;

        var grouped = rows.GroupBy(r => r.String(titleColumn)!).ToDictionary(g => g.Key, g => g.Count(r => !r.IsNull(countColumn)));

        Assert.Equal(plays.Count, rows.Count);
        Assert.Equal(perShow, grouped);
        Assert.Equal(perShow.Values.OrderDescending().Take(limit), grouped.Values.OrderDescending().Take(limit));
    }

    private enum DailyField { Events = 0, UniqueTitles = 1, Minutes = 2, Rewatches = 3, FirstWatches = 4 }

    /// <summary>What the history implies for the range: the oracle of <see cref="ExpectedProjection"/>, cut by Grafana's time filter.</summary>
    private sealed record Expected(IReadOnlyList<WatchEvent> Plays, TimeZoneInfo Zone, DateTimeOffset From, DateTimeOffset To)
    {
        private long FromNs => From.ToUnixTimeMilliseconds() * 1_000_000;

        private long ToNs => To.ToUnixTimeMilliseconds() * 1_000_000;

        /// <summary>A play's point time: its second plus history id mod 10^9 nanoseconds.</summary>
        public static long PointTime(WatchEvent play) => play.WatchedAt.ToUnixTimeSeconds() * 1_000_000_000 + play.HistoryId % 1_000_000_000;

        public IEnumerable<WatchEvent> RawPlays() => Plays.Where(p => PointTime(p) >= FromNs && PointTime(p) <= ToNs);

        public Dictionary<long, long[]> Daily(string mediaType) => ExpectedProjection.Daily(Plays, Zone)
            .Where(d => d.Key.Item2 == mediaType && d.Key.Item1 >= FromNs && d.Key.Item1 <= ToNs)
            .ToDictionary(d => d.Key.Item1, d => d.Value);

        public long SumDaily(DailyField field, string mediaType = "all") => Daily(mediaType).Values.Sum(v => v[(int)field]);
    }

    /// <summary>A backfilled simulator history in a raw and an aggregate database, and the plays it must show.</summary>
    private sealed record KnownBackfill(string RawDatabase, string AggregateDatabase, IReadOnlyList<WatchEvent> Plays, TimeZoneInfo Zone)
    {
        public static async Task<KnownBackfill> CreateAsync(InfluxDbServer server)
        {
            await using var h = await SyncHarness.StartAsync();
            h.Simulator.History.SeedRandom(1_500, seed: 53);
            await h.ProjectIntoAsync(server);
            var outcome = await h.BackfillAsync();
            Assert.Equal(0, outcome.Summary.DaysPending);
            return new KnownBackfill(h.Settings.InfluxBucketRaw, h.Settings.InfluxBucketAgg, h.ExpectedPlays(), h.Settings.TimeZone);
        }
    }
}
