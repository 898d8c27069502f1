using System.Net;
using System.Text.RegularExpressions;

namespace TraktTracker.Tests.Stats;

/// <summary>The text of a report as a reader (or a screen reader) gets it: its tables, and the titles of chart marks.</summary>
internal sealed partial class ReportText(string html)
{
    public string Html { get; } = html;

    /// <summary>The rows of the table with this id, each as its decoded cell texts (the row header first).</summary>
    public List<string[]> Table(string id)
    {
        var table = TablePattern().Matches(Html).SingleOrDefault(m => m.Groups["id"].Value == id)
            ?? throw new Xunit.Sdk.XunitException($"The report has no table '{id}'.");
        return RowPattern().Matches(table.Groups["body"].Value)
            .Select(row => CellPattern().Matches(row.Value).Select(c => WebUtility.HtmlDecode(c.Groups["text"].Value)).ToArray())
            .ToList();
    }

    /// <summary>The "Figure → Value" table with this id.</summary>
    public Dictionary<string, string> Facts(string id) => Table(id).ToDictionary(r => r[0], r => r[1]);

    /// <summary>Every calendar cell's day with its plays and minutes, read from the cells' titles.</summary>
    public Dictionary<string, (int Plays, long Minutes)> CalendarDays()
    {
        var days = new Dictionary<string, (int Plays, long Minutes)>();
        foreach (Match m in DayTitlePattern().Matches(Html))
        {
            var day = (int.Parse(m.Groups["plays"].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(m.Groups["minutes"].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(days.TryAdd(m.Groups["day"].Value, day) || days[m.Groups["day"].Value] == day, $"{m.Groups["day"].Value} differs between calendars");
        }

        return days;
    }

    [GeneratedRegex("<table id=\"(?<id>[^\"]+)\">.*?<tbody>(?<body>.*?)</tbody></table>", RegexOptions.Singleline)]
    private static partial Regex TablePattern();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(?<text>.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex(@"<title>(?<day>\d{4}-\d{2}-\d{2}) \w+: (?<plays>[\d,]+) plays?, (?<minutes>[\d,]+) minutes?</title>")]
    private static partial Regex DayTitlePattern();
}
