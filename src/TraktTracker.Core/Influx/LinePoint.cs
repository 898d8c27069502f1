using System.Globalization;
using System.Text;

namespace TraktTracker.Influx;

/// <summary>
/// One line-protocol point, built fluently: <c>LinePoint.Measurement("m").Tag("k", "v").Field("f", 1L).Timestamp(t)</c>.
/// Empty tags and non-finite doubles are left out (servers reject both); a later tag or field with the same key
/// replaces the earlier one. Tags are written sorted by key, ordinally.
/// </summary>
public sealed class LinePoint
{
    private readonly string measurement;
    private readonly SortedList<string, string> tags = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> fields = [];

    private LinePoint(string measurement)
    {
        this.measurement = measurement;
    }

    /// <summary>Nanoseconds since the Unix epoch, or null to let the server stamp it.</summary>
    public long? TimestampNanoseconds { get; private set; }

    public bool HasFields => fields.Count > 0;

    public static LinePoint Measurement(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new LinePoint(name);
    }

    public LinePoint Tag(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (string.IsNullOrEmpty(value))
        {
            tags.Remove(key);
        }
        else
        {
            tags[key] = value;
        }

        return this;
    }

    public LinePoint Field(string key, long value) => SetField(key, value.ToString(CultureInfo.InvariantCulture) + "i");

    public LinePoint Field(string key, double value)
        => double.IsFinite(value) ? SetField(key, value.ToString("R", CultureInfo.InvariantCulture)) : this;

    public LinePoint Field(string key, bool value) => SetField(key, value ? "true" : "false");

    /// <summary>A string field; null leaves the field out, an empty string is written as <c>""</c>.</summary>
    public LinePoint Field(string key, string? value) => value is null ? this : SetField(key, LineProtocol.QuoteStringField(value));

    public LinePoint Timestamp(long unixNanoseconds)
    {
        TimestampNanoseconds = unixNanoseconds;
        return this;
    }

    public LinePoint Timestamp(DateTimeOffset instant) => Timestamp(LineProtocol.ToUnixNanoseconds(instant));

    /// <summary>Appends the point as one line without its line break; the timestamp is rounded down to <paramref name="precision"/>.</summary>
    public void AppendTo(StringBuilder text, WritePrecision precision)
    {
        if (fields.Count == 0)
        {
            throw new InvalidOperationException($"The '{measurement}' point has no fields; line protocol needs at least one.");
        }

        text.Append(LineProtocol.EscapeMeasurement(measurement));
        foreach (var (key, value) in tags)
        {
            text.Append(',').Append(LineProtocol.EscapeKey(key)).Append('=').Append(LineProtocol.EscapeKey(value));
        }

        for (var i = 0; i < fields.Count; i++)
        {
            text.Append(i == 0 ? ' ' : ',').Append(LineProtocol.EscapeKey(fields[i].Key)).Append('=').Append(fields[i].Value);
        }

        if (TimestampNanoseconds is { } ns)
        {
            var unit = precision.NanosecondsPerUnit();
            text.Append(' ').Append((Math.DivRem(ns, unit, out var rest) - (rest < 0 ? 1 : 0)).ToString(CultureInfo.InvariantCulture));
        }
    }

    public string ToLineProtocol(WritePrecision precision = WritePrecision.Nanoseconds)
    {
        var text = new StringBuilder();
        AppendTo(text, precision);
        return text.ToString();
    }

    public override string ToString() => ToLineProtocol();

    private LinePoint SetField(string key, string formatted)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var index = fields.FindIndex(f => f.Key == key);
        if (index >= 0)
        {
            fields[index] = new(key, formatted);
        }
        else
        {
            fields.Add(new(key, formatted));
        }

        return this;
    }
}
