using System.Globalization;
using TraktTracker.Config;
using TraktTracker.Report;
using TraktTracker.Stats;

namespace TraktTracker.Tests.Stats;

/// <summary>
/// The numbers a reader finds in the HTML report (its tables and chart titles) equal the independent SQL
/// recomputation, for the whole history and for the year in review; names stay text.
/// </summary>
public sealed class ReportAgreementTests : IClassFixture<StatsHistory>
{
    private readonly StatsHistory history;
    private readonly ReportFile file;
    private readonly ReportText report;

    public ReportAgreementTests(StatsHistory history)
    {
        this.history = history;
        using var runtime = history.Open();
        file = runtime.ExportReport(Path.Combine(history.OutputFolder, "agreement", "report.html"), StatsHistory.ReviewYear);
        report = new ReportText(File.ReadAllText(file.Path));
    }

    [Theory]
    [InlineData("totals", null)]
    [InlineData("year-totals", StatsHistory.ReviewYear)]
    public void Headline_figures_equal_the_sql_recomputation(string table, int? year)
    {
        using var oracle = new StatsOracle(history.DbPath, year);
        var s = oracle.Summary("Europe/Berlin");
        string When(DateTimeOffset? at) => at is { } instant ? oracle.LocalText(instant) : "";

        var expected = new Dictionary<string, string>
        {
            ["Plays"] = N(s.Plays),
            ["Movie plays"] = N(s.Movies),
            ["Episode plays"] = N(s.Episodes),
            ["Minutes"] = N(s.Minutes),
            ["Hours"] = Hours(s.Minutes),
            ["Distinct movies"] = N(s.DistinctMovies),
            ["Distinct shows"] = N(s.DistinctShows),
            ["Distinct episodes"] = N(s.DistinctEpisodes),
            ["First watches"] = N(s.FirstWatches),
            ["Rewatches"] = N(s.Rewatches),
            ["Rewatch share (%)"] = Math.Round(100.0 * s.Rewatches / s.Plays, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture),
            ["Plays with unknown date"] = N(s.UnknownDatePlays),
            ["First play"] = When(s.FirstPlay),
            ["Last play"] = When(s.LastPlay),
            ["Days watched"] = N(s.DaysWatched),
            ["Longest streak (days)"] = N(s.LongestStreakDays),
            ["Longest streak from"] = s.LongestStreakFirstDay!,
            ["Longest streak to"] = s.LongestStreakLastDay!,
            ["Busiest day"] = s.BusiestDay!,
            ["Plays on the busiest day"] = N(s.BusiestDayPlays),
            ["Longest binge (plays)"] = N(s.LongestBingePlays),
            ["Longest binge show"] = s.LongestBingeShow!,
            ["Longest binge from"] = When(s.LongestBingeFirstPlay),
            ["Longest binge to"] = When(s.LongestBingeLastPlay),
        };

        Assert.Equal(expected, report.Facts(table));
    }

    [Theory]
    [InlineData("months", StatsGrouping.Month, null)]
    [InlineData("years", StatsGrouping.Year, null)]
    [InlineData("types", StatsGrouping.Type, null)]
    [InlineData("year-months", StatsGrouping.Month, StatsHistory.ReviewYear)]
    public void Tables_of_periods_and_types_equal_the_sql_recomputation(string table, StatsGrouping by, int? year)
    {
        using var oracle = new StatsOracle(history.DbPath, year);

        Assert.Equal(oracle.Rows(by).Select(Cells), report.Table(table));
    }

    [Theory]
    [InlineData("top-shows", StatsGrouping.Show, null)]
    [InlineData("top-movies", StatsGrouping.Title, null)]
    [InlineData("year-top-shows", StatsGrouping.Show, StatsHistory.ReviewYear)]
    [InlineData("year-top-movies", StatsGrouping.Title, StatsHistory.ReviewYear)]
    public void Top_lists_equal_the_sql_recomputation(string table, StatsGrouping by, int? year)
    {
        using var oracle = new StatsOracle(history.DbPath, year);
        var expected = oracle.Rows(by).Where(r => r.Type == (by == StatsGrouping.Show ? MediaType.Episode : MediaType.Movie)).ToList();

        var shown = report.Table(table);

        Assert.Equal(Math.Min(HtmlReport.TopCount, expected.Count), shown.Count);
        // The top plays in order; each shown row as recomputed for its name (ties may list either first).
        Assert.Equal(expected.Take(shown.Count).Select(r => N(r.Plays)), shown.Select(r => r[1]));
        Assert.All(shown, row => Assert.Equal(Cells(expected.Single(r => r.Group == row[0])), row));
    }

    [Fact]
    public void Weekday_hour_table_equals_the_sql_recomputation()
    {
        using var oracle = new StatsOracle(history.DbPath);
        var matrix = oracle.WeekdayHour();
        string[] weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

        var expected = Enumerable.Range(0, 7)
            .Select(d => new[] { weekdays[d] }.Concat(Enumerable.Range(0, 24).Select(h => N(matrix[d, h]))).ToArray());

        Assert.Equal(expected, report.Table("weekday-hour"));
    }

    [Fact]
    public void Calendar_cells_carry_each_days_plays_and_minutes()
    {
        using var oracle = new StatsOracle(history.DbPath);
        var days = oracle.Rows(StatsGrouping.Day).Where(r => !r.UnknownDate).ToDictionary(r => r.Group, r => (r.Plays, r.Minutes));

        var shown = report.CalendarDays();

        Assert.Equal(days.OrderBy(d => d.Key), shown.Where(d => d.Value.Plays > 0).OrderBy(d => d.Key));
        Assert.Contains("2024-02-29", shown.Keys);
    }

    [Fact]
    public void Names_with_markup_quotes_ampersands_and_unicode_stay_text()
    {
        var shows = report.Table("top-shows").Select(r => r[0]).ToList();
        var movies = report.Table("top-movies").Select(r => r[0]).ToList();

        Assert.DoesNotContain("<script", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Bold", report.Html, StringComparison.Ordinal);
        Assert.Contains(StatsHistory.ScriptShow, shows);
        Assert.Contains("Tom & Jerry", shows);
        Assert.Contains("\"Quoted\" 'Show'", shows);
        Assert.Contains("Café 日本 🎬", shows);
        Assert.Contains("<b>Bold</b> & 'Co' (1990)", movies);
        Assert.Contains("Ünïcödé 🎥 «quotes» (1992)", movies);
    }

    [Fact]
    public void The_file_is_self_contained()
    {
        Assert.Equal(new FileInfo(file.Path).Length, file.Bytes);
        Assert.Equal(StatsHistory.ReviewYear, file.Year);
        // Nothing to fetch: no script, stylesheet, image, frame or font reference, and a policy that forbids any.
        Assert.DoesNotMatch("(?i)<(script|link|img|iframe|object|embed)\\b|\\b(src|href)=|url\\(|@import", report.Html);
        Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"", report.Html);
        Assert.DoesNotContain(file.Path + ".partial", Directory.GetFiles(Path.GetDirectoryName(file.Path)!));
    }

    [Fact]
    public void A_path_that_cannot_be_written_is_refused_naming_it_and_leaves_no_file()
    {
        var blocker = Path.Combine(history.OutputFolder, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var path = Path.Combine(blocker, "report.html");
        using var runtime = history.Open();

        var error = Assert.Throws<ConfigurationException>(() => runtime.ExportReport(path, year: null));

        Assert.Contains($"Cannot write the report to '{path}'", error.Message);
        Assert.Contains("Choose a path this user may write to", error.Message);
        Assert.Equal("not a folder", File.ReadAllText(blocker));
    }

    private static string[] Cells(StatsRow row) =>
        [row.Group, N(row.Plays), N(row.Minutes), Hours(row.Minutes), N(row.DistinctTitles), N(row.FirstWatches), N(row.Rewatches), N(row.Movies), N(row.Episodes)];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hours(long minutes) => Math.Round(minutes / 60.0, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}
