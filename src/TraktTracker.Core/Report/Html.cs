using System.Globalization;
using System.Net;

namespace TraktTracker.Report;

/// <summary>Text and numbers as the report writes them: every name escaped, every number in the invariant culture.</summary>
internal static class Html
{
    /// <summary>Escapes &lt; &gt; &amp; " and ' (so a title like &lt;script&gt; stays text, in elements and attributes alike).</summary>
    public static string Text(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>A count as the tables show it: digits only, so it reads back exactly.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count as the headline shows it, grouped by thousands.</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Decimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>SVG coordinates: invariant, at most two decimals.</summary>
    public static string Coord(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    public static string Plural(long count, string one, string many) => $"{Grouped(count)} {(count == 1 ? one : many)}";
}
