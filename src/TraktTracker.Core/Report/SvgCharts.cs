using System.Globalization;
using System.Text;
using TraktTracker.Stats;

namespace TraktTracker.Report;

/// <summary>
/// The report's charts as inline SVG, drawn here rather than by a JavaScript library: the file then renders
/// without scripts, and every mark carries its numbers in a &lt;title&gt; (see README, Dependencies).
/// </summary>
internal static class SvgCharts
{
    /// <summary>Colour steps of the heatmaps, from "none" to "most".</summary>
    private static readonly string[] Levels = ["#ebedf0", "#c6e0f5", "#8cc2eb", "#4a9bd9", "#1f6fb2", "#0b4a80"];

    private static readonly string[] WeekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public sealed record Bar(string Label, double Value, string Title, bool Tick);

    /// <summary>A vertical bar chart; <paramref name="bars"/> marked Tick get their label under the axis.</summary>
    public static string Bars(string cssClass, string caption, IReadOnlyList<Bar> bars)
    {
        const double height = 160, top = 12, left = 44, bottom = 22, barGap = 0.15;
        var slot = bars.Count > 60 ? 6.0 : bars.Count > 24 ? 12.0 : 28.0;
        var width = left + bars.Count * slot + 8;
        var max = NiceMax(bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var svg = Open(cssClass, caption, width, height + top + bottom);
        for (var i = 0; i <= 2; i++)
        {
            var value = max * i / 2;
            var y = top + height - height * i / 2;
            svg.Append($"<line class=\"grid\" x1=\"{Html.Coord(left)}\" x2=\"{Html.Coord(width)}\" y1=\"{Html.Coord(y)}\" y2=\"{Html.Coord(y)}\"/>")
               .Append($"<text class=\"axis\" x=\"{Html.Coord(left - 4)}\" y=\"{Html.Coord(y + 4)}\" text-anchor=\"end\">{Html.Text(AxisNumber(value))}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var h = max == 0 ? 0 : height * bar.Value / max;
            var x = left + i * slot;
            svg.Append($"<rect class=\"bar\" x=\"{Html.Coord(x + slot * barGap / 2)}\" y=\"{Html.Coord(top + height - h)}\" width=\"{Html.Coord(slot * (1 - barGap))}\" height=\"{Html.Coord(h)}\">")
               .Append($"<title>{Html.Text(bar.Title)}</title></rect>");
            if (bar.Tick)
            {
                svg.Append($"<text class=\"axis\" x=\"{Html.Coord(x)}\" y=\"{Html.Coord(top + height + 15)}\">{Html.Text(bar.Label)}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A year as 53 week columns × 7 weekday rows (Monday on top), one cell per local day.</summary>
    public static string Calendar(int year, IReadOnlyDictionary<string, StatsRow> days, int[] thresholds)
    {
        const double cell = 11, gap = 2, left = 30, top = 16;
        var first = new DateOnly(year, 1, 1);
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var weeks = (offset + (DateTime.IsLeapYear(year) ? 366 : 365) + 6) / 7;
        var svg = Open("calendar", $"Plays per day in {year}", left + weeks * (cell + gap), top + 7 * (cell + gap));
        foreach (var row in new[] { 0, 2, 4 })
        {
            svg.Append($"<text class=\"axis\" x=\"0\" y=\"{Html.Coord(top + row * (cell + gap) + cell - 1)}\">{WeekdayNames[row][..3]}</text>");
        }

        for (var day = first; day.Year == year; day = day.AddDays(1))
        {
            var index = offset + day.DayOfYear - 1;
            var (column, weekday) = (index / 7, index % 7);
            if (day.Day == 1)
            {
                svg.Append($"<text class=\"axis\" x=\"{Html.Coord(left + column * (cell + gap))}\" y=\"10\">{day.ToString("MMM", CultureInfo.InvariantCulture)}</text>");
            }

            var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var title = days.TryGetValue(key, out var stats)
                ? $"{key} {day.DayOfWeek}: {Html.Plural(stats.Plays, "play", "plays")}, {Html.Plural(stats.Minutes, "minute", "minutes")}"
                : $"{key} {day.DayOfWeek}: no plays";
            svg.Append($"<rect class=\"day\" x=\"{Html.Coord(left + column * (cell + gap))}\" y=\"{Html.Coord(top + weekday * (cell + gap))}\" width=\"{cell}\" height=\"{cell}\" rx=\"2\" fill=\"{Levels[Level(stats?.Plays ?? 0, thresholds)]}\">")
               .Append($"<title>{Html.Text(title)}</title></rect>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Plays per local weekday (rows, Monday first) and hour (columns).</summary>
    public static string WeekdayHour(WatchStats stats)
    {
        const double cell = 22, gap = 2, left = 34, top = 16;
        var counts = Enumerable.Range(0, 7).SelectMany(d => Enumerable.Range(0, 24).Select(h => stats.PlaysAt(d, h))).ToList();
        var thresholds = Thresholds(counts);
        var svg = Open("weekday-hour", "Plays per weekday and hour", left + 24 * (cell + gap), top + 7 * (cell + gap));
        for (var hour = 0; hour < 24; hour += 3)
        {
            svg.Append($"<text class=\"axis\" x=\"{Html.Coord(left + hour * (cell + gap))}\" y=\"10\">{hour:D2}h</text>");
        }

        for (var weekday = 0; weekday < 7; weekday++)
        {
            var y = top + weekday * (cell + gap);
            svg.Append($"<text class=\"axis\" x=\"0\" y=\"{Html.Coord(y + cell - 7)}\">{WeekdayNames[weekday][..3]}</text>");
            for (var hour = 0; hour < 24; hour++)
            {
                var plays = stats.PlaysAt(weekday, hour);
                var title = $"{WeekdayNames[weekday]} {hour:D2}:00-{hour:D2}:59: {Html.Plural(plays, "play", "plays")}";
                svg.Append($"<rect class=\"slot\" x=\"{Html.Coord(left + hour * (cell + gap))}\" y=\"{Html.Coord(y)}\" width=\"{cell}\" height=\"{cell}\" rx=\"3\" fill=\"{Levels[Level(plays, thresholds)]}\">")
                   .Append($"<title>{Html.Text(title)}</title></rect>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Upper bounds of the colour steps above "none": quantiles of the non-zero counts.</summary>
    public static int[] Thresholds(IEnumerable<int> counts)
    {
        var sorted = counts.Where(c => c > 0).Order().ToList();
        return sorted.Count == 0
            ? [1, 1, 1, 1]
            : [.. new[] { 0.25, 0.5, 0.75, 0.9 }.Select(q => sorted[(int)Math.Floor(q * (sorted.Count - 1))])];
    }

    public static string WeekdayName(int weekday) => WeekdayNames[weekday];

    private static int Level(int count, int[] thresholds)
    {
        if (count == 0)
        {
            return 0;
        }

        var level = 1;
        while (level <= thresholds.Length && count > thresholds[level - 1])
        {
            level++;
        }

        return level;
    }

    private static StringBuilder Open(string cssClass, string caption, double width, double height)
        => new StringBuilder()
            .Append($"<svg class=\"chart {cssClass}\" role=\"img\" viewBox=\"0 0 {Html.Coord(width)} {Html.Coord(height)}\" ")
            .Append($"width=\"{Html.Coord(width)}\" height=\"{Html.Coord(height)}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title>{Html.Text(caption)}</title>");

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="value"/>: round gridline labels.</summary>
    private static double NiceMax(double value)
    {
        if (value <= 0)
        {
            return 0;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(m => m >= value);
    }

    private static string AxisNumber(double value) => value.ToString(value < 10 && value % 1 != 0 ? "0.#" : "0", CultureInfo.InvariantCulture);
}
