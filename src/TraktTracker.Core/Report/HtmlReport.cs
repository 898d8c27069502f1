using System.Globalization;
using System.Text;
using TraktTracker.Config;
using TraktTracker.Stats;

namespace TraktTracker.Report;

/// <summary>
/// The one-file HTML report of a history: no script, no font, no image and no link to load, so it renders offline
/// in any browser (a Content-Security-Policy forbids every request besides). Each chart's numbers are in a table
/// or in its marks' &lt;title&gt;, taken from the same <see cref="WatchStats"/> rows as Get-TraktStats.
/// </summary>
public static class HtmlReport
{
    /// <summary>How many shows and movies the top lists show.</summary>
    public const int TopCount = 10;

    /// <summary>The columns of every table of <see cref="StatsRow"/>s, after the group's own.</summary>
    private static readonly IReadOnlyList<(string Header, Func<StatsRow, string> Value)> RowColumns =
    [
        ("Plays", r => Html.Number(r.Plays)),
        ("Minutes", r => Html.Number(r.Minutes)),
        ("Hours", r => Html.Decimal(r.Hours)),
        ("Titles", r => Html.Number(r.DistinctTitles)),
        ("First watches", r => Html.Number(r.FirstWatches)),
        ("Rewatches", r => Html.Number(r.Rewatches)),
        ("Movies", r => Html.Number(r.Movies)),
        ("Episodes", r => Html.Number(r.Episodes)),
    ];

    private const string Style = """
        :root{color-scheme:light;--ink:#1d2330;--muted:#5b6475;--line:#dde2ea;--bar:#2f7fc9;--rewatch:#e08a2c}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f6f8fb}
        main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.25em;margin:1.4em 0 .5em}
        h3{font-size:1.05em;margin:1em 0 .4em}.muted{color:var(--muted)}
        section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin:14px 0}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
        .card{border:1px solid var(--line);border-radius:8px;padding:8px 10px;background:#fbfcfe}
        .card b{display:block;font-size:1.35em}.card span{color:var(--muted);font-size:.85em}
        .scroll{overflow-x:auto}svg.chart{display:block;max-width:100%;height:auto}
        svg .bar{fill:var(--bar)}svg .grid{stroke:var(--line)}svg .axis{font-size:10px;fill:var(--muted)}
        table{border-collapse:collapse;font-size:.85em;margin:6px 0}th,td{padding:2px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
        th:first-child,td:first-child{text-align:left}thead th{color:var(--muted);font-weight:600}
        details summary{cursor:pointer;color:var(--muted);font-size:.9em}
        .hbar{display:grid;grid-template-columns:minmax(0,14em) 1fr 3.5em;gap:8px;align-items:center;margin:3px 0;font-size:.9em}
        .hbar .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.hbar .track{background:#eef1f5;border-radius:4px;height:12px}
        .hbar .fill{display:block;background:var(--bar);border-radius:4px;height:12px}.hbar .n{text-align:right}
        .split{display:flex;height:18px;border-radius:5px;overflow:hidden;margin:6px 0}.split .first{background:var(--bar)}.split .again{background:var(--rewatch)}
        section section{border:0;padding:0;margin:10px 0}.label{font-size:.85em;color:var(--muted);margin:4px 0}
        .two{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 24px}
        """;

    /// <summary>Writes the report of <paramref name="history"/> (and, when given, the year in review of
    /// <paramref name="year"/>) to <paramref name="path"/>, replacing the file whole.</summary>
    /// <exception cref="ConfigurationException">The file cannot be written there.</exception>
    public static ReportFile Write(string path, WatchStats history, WatchStats? year, DateTimeOffset generatedAt)
    {
        var fullPath = Path.GetFullPath(path);
        var html = Render(history, year, generatedAt);
        var partial = fullPath + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(partial, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(partial, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Path", $"Cannot write the report to '{fullPath}': {ex.Message} Choose a path this user may write to.");
        }

        return new ReportFile
        {
            Path = fullPath,
            Bytes = new FileInfo(fullPath).Length,
            Plays = history.Summary().Plays,
            Year = year?.Summary().Year,
            TimeZone = history.TimeZone,
        };
    }

    public static string Render(WatchStats history, WatchStats? year, DateTimeOffset generatedAt)
    {
        var summary = history.Summary();
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Trakt watch history</title><style>").Append(Style).Append("</style></head><body><main>");
        html.Append("<h1>Watch history</h1><p class=\"muted\">")
            .Append(summary.FirstPlay is { } from && summary.LastPlay is { } to
                ? $"{Html.Plural(summary.Plays, "play", "plays")} from {Local(history, from)} to {Local(history, to)}"
                : Html.Plural(summary.Plays, "play", "plays"))
            .Append($"; days and hours in {Html.Text(history.TimeZone)}; made by TraktTracker on {Local(history, generatedAt)}.</p>");
        if (year is not null)
        {
            YearInReview(html, year);
        }

        Totals(html, "totals", "All time", summary, history);
        PerMonth(html, "months", history, monthsOfYear: null);
        Calendars(html, history);
        WeekdayHours(html, history);
        Tops(html, "top", history);
        Rewatching(html, history, summary);
        return html.Append("</main></body></html>\n").ToString();
    }

    private static void YearInReview(StringBuilder html, WatchStats year)
    {
        var summary = year.Summary();
        var y = summary.Year!.Value;
        html.Append($"<section id=\"year-in-review\"><h2>{y} in review</h2>");
        if (summary.Plays == 0)
        {
            html.Append($"<p>No plays in {y}.</p>");
        }

        Cards(html, summary, year);
        html.Append("<details><summary>All figures of the year</summary>");
        FactsTable(html, "year-totals", summary, year);
        html.Append("</details>");
        PerMonth(html, "year-months", year, monthsOfYear: y);
        html.Append("<div class=\"scroll\">")
            .Append(SvgCharts.Calendar(y, DaysOf(year), SvgCharts.Thresholds(year.Rows(StatsGrouping.Day).Where(r => !r.UnknownDate).Select(r => r.Plays))))
            .Append("</div>");
        Tops(html, "year-top", year);
        html.Append("</section>");
    }

    private static void Totals(StringBuilder html, string id, string heading, StatsSummary summary, WatchStats stats)
    {
        html.Append($"<section id=\"{id}-section\"><h2>{Html.Text(heading)}</h2>");
        Cards(html, summary, stats);
        html.Append("<details><summary>All figures</summary>");
        FactsTable(html, id, summary, stats);
        html.Append("</details></section>");
    }

    private static void Cards(StringBuilder html, StatsSummary s, WatchStats stats)
    {
        html.Append("<div class=\"cards\">");
        Card(html, Html.Grouped(s.Plays), "plays");
        Card(html, Html.Grouped((long)Math.Round(s.Hours)), "hours watched");
        Card(html, Html.Grouped(s.DistinctMovies), "movies");
        Card(html, Html.Grouped(s.DistinctShows), $"shows, {Html.Plural(s.DistinctEpisodes, "episode", "episodes")}");
        Card(html, Html.Decimal(s.RewatchPercent) + " %", "rewatches");
        Card(html, Html.Plural(s.LongestStreakDays, "day", "days"), s.LongestStreakDays > 0 ? $"longest streak, {s.LongestStreakFirstDay} to {s.LongestStreakLastDay}" : "longest streak");
        Card(html, Html.Plural(s.LongestBingePlays, "episode", "episodes"), s.LongestBingeFirstPlay is { } at ? $"longest binge: {Html.Text(s.LongestBingeShow)}, {Local(stats, at)[..10]}" : "longest binge");
        Card(html, Html.Plural(s.BusiestDayPlays, "play", "plays"), s.BusiestDay is null ? "busiest day" : $"busiest day, {s.BusiestDay}");
        html.Append("</div>");
    }

    private static void Card(StringBuilder html, string value, string label)
        => html.Append($"<div class=\"card\"><b>{value}</b><span>{label}</span></div>");

    /// <summary>Every figure of the summary as label and value; the labels are what tests and readers look up.</summary>
    private static void FactsTable(StringBuilder html, string id, StatsSummary s, WatchStats stats)
    {
        var facts = new (string Label, string Value)[]
        {
            ("Plays", Html.Number(s.Plays)),
            ("Movie plays", Html.Number(s.Movies)),
            ("Episode plays", Html.Number(s.Episodes)),
            ("Minutes", Html.Number(s.Minutes)),
            ("Hours", Html.Decimal(s.Hours)),
            ("Distinct movies", Html.Number(s.DistinctMovies)),
            ("Distinct shows", Html.Number(s.DistinctShows)),
            ("Distinct episodes", Html.Number(s.DistinctEpisodes)),
            ("First watches", Html.Number(s.FirstWatches)),
            ("Rewatches", Html.Number(s.Rewatches)),
            ("Rewatch share (%)", Html.Decimal(s.RewatchPercent)),
            ("Plays with unknown date", Html.Number(s.UnknownDatePlays)),
            ("First play", s.FirstPlay is { } first ? Local(stats, first) : ""),
            ("Last play", s.LastPlay is { } last ? Local(stats, last) : ""),
            ("Days watched", Html.Number(s.DaysWatched)),
            ("Longest streak (days)", Html.Number(s.LongestStreakDays)),
            ("Longest streak from", s.LongestStreakFirstDay ?? ""),
            ("Longest streak to", s.LongestStreakLastDay ?? ""),
            ("Busiest day", s.BusiestDay ?? ""),
            ("Plays on the busiest day", Html.Number(s.BusiestDayPlays)),
            ("Longest binge (plays)", Html.Number(s.LongestBingePlays)),
            ("Longest binge show", Html.Text(s.LongestBingeShow)),
            ("Longest binge from", s.LongestBingeFirstPlay is { } bingeFrom ? Local(stats, bingeFrom) : ""),
            ("Longest binge to", s.LongestBingeLastPlay is { } bingeTo ? Local(stats, bingeTo) : ""),
        };
        html.Append($"<table id=\"{id}\"><thead><tr><th>Figure</th><th>Value</th></tr></thead><tbody>");
        foreach (var (label, value) in facts)
        {
            html.Append($"<tr><th scope=\"row\">{Html.Text(label)}</th><td>{value}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>Plays and hours per month: every month from the first to the last (or the 12 of one year), then the table.</summary>
    private static void PerMonth(StringBuilder html, string id, WatchStats stats, int? monthsOfYear)
    {
        var rows = stats.Rows(StatsGrouping.Month);
        var byMonth = rows.Where(r => !r.UnknownDate).ToDictionary(r => r.Group, StringComparer.Ordinal);
        html.Append($"<section id=\"{id}-section\"><h3>Plays and hours per month</h3>");
        if (byMonth.Count > 0)
        {
            var months = MonthRange(monthsOfYear, byMonth.Keys.Min(StringComparer.Ordinal)!, byMonth.Keys.Max(StringComparer.Ordinal)!);
            var ticks = months.Count <= 24;
            SvgCharts.Bar BarOf(DateOnly month, Func<StatsRow?, double> value)
            {
                var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var row = byMonth.GetValueOrDefault(key);
                var label = ticks ? month.ToString("MMM", CultureInfo.InvariantCulture) : month.Year.ToString(CultureInfo.InvariantCulture);
                var title = $"{key}: {Html.Plural(row?.Plays ?? 0, "play", "plays")}, {Html.Decimal(row?.Hours ?? 0)} hours";
                return new SvgCharts.Bar(label, value(row), title, ticks || month.Month == 1);
            }

            html.Append("<div class=\"two\"><div class=\"scroll\"><p class=\"label\">Plays</p>")
                .Append(SvgCharts.Bars("plays-per-month", "Plays per month", months.Select(m => BarOf(m, r => r?.Plays ?? 0)).ToList()))
                .Append("</div><div class=\"scroll\"><p class=\"label\">Hours</p>")
                .Append(SvgCharts.Bars("hours-per-month", "Hours per month", months.Select(m => BarOf(m, r => r?.Hours ?? 0)).ToList()))
                .Append("</div></div>");
        }

        html.Append("<details><summary>Numbers per month</summary>");
        RowsTable(html, id, "Month", rows);
        html.Append("</details></section>");
    }

    private static List<DateOnly> MonthRange(int? year, string first, string last)
    {
        var (from, to) = year is { } y
            ? (new DateOnly(y, 1, 1), new DateOnly(y, 12, 1))
            : (DateOnly.ParseExact(first + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(last + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var months = new List<DateOnly>();
        for (var m = from; m <= to; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    /// <summary>One calendar per year with plays, newest first, coloured on one scale.</summary>
    private static void Calendars(StringBuilder html, WatchStats stats)
    {
        var days = DaysOf(stats);
        html.Append("<section id=\"calendar-section\"><h2>Every day</h2>");
        var thresholds = SvgCharts.Thresholds(days.Values.Select(d => d.Plays));
        foreach (var year in stats.Rows(StatsGrouping.Year).Where(r => !r.UnknownDate).Reverse())
        {
            html.Append($"<h3>{Html.Text(year.Group)}: {Html.Plural(year.Plays, "play", "plays")}, {Html.Decimal(year.Hours)} hours</h3><div class=\"scroll\">")
                .Append(SvgCharts.Calendar(int.Parse(year.Group, CultureInfo.InvariantCulture), days, thresholds))
                .Append("</div>");
        }

        html.Append("<details><summary>Numbers per year</summary>");
        RowsTable(html, "years", "Year", stats.Rows(StatsGrouping.Year));
        html.Append("</details></section>");
    }

    private static void WeekdayHours(StringBuilder html, WatchStats stats)
    {
        html.Append("<section id=\"weekday-hour-section\"><h2>When</h2><p class=\"muted\">Plays by local weekday and hour.</p><div class=\"scroll\">")
            .Append(SvgCharts.WeekdayHour(stats))
            .Append("</div><details><summary>Numbers per weekday and hour</summary><div class=\"scroll\"><table id=\"weekday-hour\"><thead><tr><th>Weekday</th>");
        for (var hour = 0; hour < 24; hour++)
        {
            html.Append($"<th>{hour:D2}</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var weekday = 0; weekday < 7; weekday++)
        {
            html.Append($"<tr><th scope=\"row\">{SvgCharts.WeekdayName(weekday)}</th>");
            for (var hour = 0; hour < 24; hour++)
            {
                html.Append($"<td>{Html.Number(stats.PlaysAt(weekday, hour))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></details></section>");
    }

    private static void Tops(StringBuilder html, string id, WatchStats stats)
    {
        var shows = stats.Rows(StatsGrouping.Show).Take(TopCount).ToList();
        var movies = stats.Rows(StatsGrouping.Title).Where(r => r.Type == MediaType.Movie).Take(TopCount).ToList();
        html.Append($"<section id=\"{id}-section\"><div class=\"two\"><div><h3>Top shows</h3>");
        HorizontalBars(html, shows, "episodes");
        html.Append("<details><summary>Numbers</summary><div class=\"scroll\">");
        RowsTable(html, $"{id}-shows", "Show", shows);
        html.Append("</div></details></div><div><h3>Top movies</h3>");
        HorizontalBars(html, movies, "movie");
        html.Append("<details><summary>Numbers</summary><div class=\"scroll\">");
        RowsTable(html, $"{id}-movies", "Movie", movies);
        html.Append("</div></details></div></div></section>");
    }

    private static void HorizontalBars(StringBuilder html, IReadOnlyList<StatsRow> rows, string what)
    {
        if (rows.Count == 0)
        {
            html.Append($"<p class=\"muted\">No {what} plays.</p>");
            return;
        }

        var max = rows.Max(r => r.Plays);
        html.Append("<div class=\"hbars\">");
        foreach (var row in rows)
        {
            var title = $"{row.Group}: {Html.Plural(row.Plays, "play", "plays")}, {Html.Decimal(row.Hours)} hours";
            html.Append($"<div class=\"hbar\" title=\"{Html.Text(title)}\"><span class=\"name\">{Html.Text(row.Group)}</span>")
                .Append($"<span class=\"track\"><span class=\"fill\" style=\"width:{Html.Coord(100.0 * row.Plays / max)}%\"></span></span>")
                .Append($"<span class=\"n\">{Html.Number(row.Plays)}</span></div>");
        }

        html.Append("</div>");
    }

    private static void Rewatching(StringBuilder html, WatchStats stats, StatsSummary summary)
    {
        html.Append("<section id=\"rewatch-section\"><h2>Rewatches</h2>")
            .Append($"<p>{Html.Decimal(summary.RewatchPercent)} % of all plays were rewatches: {Html.Plural(summary.Rewatches, "play", "plays")} ")
            .Append($"of a title seen before, {Html.Plural(summary.FirstWatches, "first watch", "first watches")}.</p>");
        if (summary.Plays > 0)
        {
            var firstShare = 100.0 * summary.FirstWatches / summary.Plays;
            html.Append("<div class=\"split\">")
                .Append($"<span class=\"first\" style=\"width:{Html.Coord(firstShare)}%\" title=\"First watches: {Html.Number(summary.FirstWatches)}\"></span>")
                .Append($"<span class=\"again\" style=\"width:{Html.Coord(100 - firstShare)}%\" title=\"Rewatches: {Html.Number(summary.Rewatches)}\"></span></div>");
        }

        html.Append("<div class=\"scroll\">");
        RowsTable(html, "types", "Type", stats.Rows(StatsGrouping.Type));
        html.Append("</div></section>");
    }

    private static void RowsTable(StringBuilder html, string id, string groupHeader, IEnumerable<StatsRow> rows)
    {
        html.Append($"<table id=\"{id}\"><thead><tr><th>{Html.Text(groupHeader)}</th>");
        foreach (var (header, _) in RowColumns)
        {
            html.Append($"<th>{Html.Text(header)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append($"<tr><th scope=\"row\">{Html.Text(row.Group)}</th>");
            foreach (var (_, value) in RowColumns)
            {
                html.Append($"<td>{value(row)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static Dictionary<string, StatsRow> DaysOf(WatchStats stats)
        => stats.Rows(StatsGrouping.Day).Where(r => !r.UnknownDate).ToDictionary(r => r.Group, StringComparer.Ordinal);

    private static string Local(WatchStats stats, DateTimeOffset instant)
        => TimeZoneInfo.ConvertTime(instant, stats.Calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
