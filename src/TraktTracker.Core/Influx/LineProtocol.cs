using System.Buffers;
using System.Text;

namespace TraktTracker.Influx;

/// <summary>
/// Line protocol text rules. Output is invariant-culture, one point
/// per line, <c>\n</c> only.
/// </summary>
/// <remarks>
/// What cannot be written is changed, never rejected, so one odd title cannot block a projection:
/// <list type="bullet">
/// <item>CR, LF and TAB in a measurement, tag key, tag value or field key become a space (a line break ends a point;
/// TAB is whitespace to some parsers).</item>
/// <item>A measurement, tag key, tag value or field key ending in a backslash would escape the separator after it,
/// which no server can parse ("invalid tag format"): that last backslash becomes U+FF3C FULLWIDTH REVERSE SOLIDUS
/// (<c>＼</c>). Other backslashes are written as they are and read back unchanged.</item>
/// <item>CR and LF in string field values become a space (the v2 docs do not allow them); TAB, quotes, backslashes
/// and any Unicode are kept exactly.</item>
/// </list>
/// </remarks>
public static class LineProtocol
{
    /// <summary>What a trailing backslash of a name or tag value is replaced with.</summary>
    public const char TrailingBackslashReplacement = '\uFF3C';

    // What makes a value need work: the characters escaped, plus those replaced.
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", \r\n\t");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= \r\n\t");
    private static readonly SearchValues<char> StringFieldSpecials = SearchValues.Create("\\\"\r\n");

    /// <summary>Nanoseconds since the Unix epoch, the timestamp unit of <see cref="LinePoint"/>.</summary>
    public static long ToUnixNanoseconds(DateTimeOffset instant)
        => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100L;

    /// <summary>The instant a nanosecond timestamp stands for (rounded down to .NET's 100 ns ticks).</summary>
    public static DateTimeOffset FromUnixNanoseconds(long nanoseconds)
        => DateTimeOffset.UnixEpoch.AddTicks(Math.DivRem(nanoseconds, 100L, out var rest) - (rest < 0 ? 1 : 0));

    /// <summary>Serializes <paramref name="points"/>, each line ended by <c>\n</c>.</summary>
    public static string Serialize(IEnumerable<LinePoint> points, WritePrecision precision = WritePrecision.Nanoseconds)
    {
        var text = new StringBuilder();
        foreach (var point in points)
        {
            point.AppendTo(text, precision);
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Measurement: comma and space are escaped (<c>=</c> needs none).</summary>
    public static string EscapeMeasurement(string name) => EscapeIdentifier(name, escapeEquals: false);

    /// <summary>Tag key, tag value or field key: comma, equals sign and space are escaped.</summary>
    public static string EscapeKey(string keyOrTagValue) => EscapeIdentifier(keyOrTagValue, escapeEquals: true);

    /// <summary>A string field value, quotes included: backslash and double quote are escaped.</summary>
    public static string QuoteStringField(string value)
    {
        if (value.AsSpan().IndexOfAny(StringFieldSpecials) < 0)
        {
            return string.Concat("\"", value, "\"");
        }

        var text = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or '"':
                    text.Append('\\').Append(c);
                    break;
                case '\r' or '\n':
                    text.Append(' ');
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static string EscapeIdentifier(string value, bool escapeEquals)
    {
        if (value.AsSpan().IndexOfAny(escapeEquals ? KeySpecials : MeasurementSpecials) < 0 && !value.EndsWith('\\'))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i] is '\r' or '\n' or '\t' ? ' ' : value[i];
            if (c == '\\' && i == value.Length - 1)
            {
                c = TrailingBackslashReplacement;
            }

            if (c is ',' or ' ' || (c == '=' && escapeEquals))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
