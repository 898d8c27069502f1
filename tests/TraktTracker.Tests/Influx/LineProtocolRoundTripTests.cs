using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit;

namespace TraktTracker.Tests.Influx;

/// <summary>What the serializer writes, read back from a real influxd exactly.</summary>
[Collection(InfluxServerCollection.Name)]
public sealed class LineProtocolRoundTripTests(InfluxDbServer server)
{
    // Each awkward value with what InfluxDB must hold afterwards (the documented replacements included).
    public static TheoryData<string, string> AwkwardTagValues => new()
    {
        { "a,b=c d", "a,b=c d" },
        { "quote\"inside", "quote\"inside" },
        { @"back\slash", @"back\slash" },
        { @"double\\backslash", @"double\\backslash" },
        { @"slash before\,comma", @"slash before\,comma" },
        { @"slash before\ space", @"slash before\ space" },
        { @"trailing\", "trailing\uFF3C" },
        { "tab\there", "tab here" },
        { "new\nline\r", "new line " },
        { "ünïcødé ✓ 日本 🎬", "ünïcødé ✓ 日本 🎬" },
    };

    public static TheoryData<string, string> AwkwardStrings => new()
    {
        { "he said \"hi\", ok", "he said \"hi\", ok" },
        { @"C:\dir\", @"C:\dir\" },
        { @"\", @"\" },
        { @"a\nb is four characters", @"a\nb is four characters" },
        { "key=value, spaced  out", "key=value, spaced  out" },
        { "tab\tkept", "tab\tkept" },
        { "line\nbreak", "line break" },
        { "ünïcødé ✓ 日本 🎬 — ok", "ünïcødé ✓ 日本 🎬 — ok" },
        { "", "" },
    };

    [Fact]
    public Task Awkward_tag_values_read_back_exactly_or_as_documented()
        => AssertReadBackAsync(AwkwardTagValues, "tags", (point, value) => point.Tag("t", value), row => row.Tag("t"));

    [Fact]
    public Task Awkward_string_fields_read_back_exactly_or_as_documented()
        => AssertReadBackAsync(AwkwardStrings, "strings", (point, value) => point.Field("title", value), row => row.String("title"));

    [Fact]
    public async Task Awkward_measurement_tag_key_and_field_key_read_back()
    {
        var database = await server.CreateDatabaseAsync();
        var point = LinePoint.Measurement("my meas,x=1 ünï").Tag("tag key,=", "v").Field("field key,= 日", 7L).Timestamp(1);

        await WriteAsync(database, [point]);

        var measurements = await server.QueryAsync(database, "SHOW MEASUREMENTS");
        Assert.Equal("my meas,x=1 ünï", Assert.Single(measurements).String("name"));
        var row = Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"my meas,x=1 ünï\""));
        Assert.Equal("v", row.String("tag key,="));
        Assert.Equal(7, row.Long("field key,= 日"));
    }

    [Fact]
    public async Task Integer_float_bool_and_string_fields_keep_their_types_and_values()
    {
        var database = await server.CreateDatabaseAsync();
        var point = LinePoint.Measurement("types")
            .Field("i", 42L).Field("max", long.MaxValue).Field("min", long.MinValue)
            .Field("f", 1.5).Field("whole", 2.0).Field("huge", 1e20).Field("skipped", double.NaN)
            .Field("b", true).Field("s", "text").Timestamp(1);

        await WriteAsync(database, [point]);

        var types = (await server.QueryAsync(database, "SHOW FIELD KEYS FROM \"types\""))
            .ToDictionary(r => r.String("fieldKey")!, r => r.String("fieldType"));
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["i"] = "integer", ["max"] = "integer", ["min"] = "integer", ["f"] = "float", ["whole"] = "float",
                ["huge"] = "float", ["b"] = "boolean", ["s"] = "string",
            },
            types);
        var row = Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"types\""));
        Assert.Equal(42, row.Long("i"));
        Assert.Equal(long.MaxValue, row.Long("max"));
        Assert.Equal(long.MinValue, row.Long("min"));
        Assert.Equal(1.5, row.Double("f"));
        Assert.Equal(1e20, row.Double("huge"));
        Assert.True(row.Bool("b"));
        Assert.Equal("text", row.String("s"));
    }

    [Theory]
    [InlineData(WritePrecision.Nanoseconds, 1_700_000_000_123_456_789L)]
    [InlineData(WritePrecision.Microseconds, 1_700_000_000_123_456_000L)]
    [InlineData(WritePrecision.Milliseconds, 1_700_000_000_123_000_000L)]
    [InlineData(WritePrecision.Seconds, 1_700_000_000_000_000_000L)]
    public async Task Each_precision_lands_at_the_right_instant_on_1x(WritePrecision precision, long expectedNs)
    {
        var database = await server.CreateDatabaseAsync();
        using var writer = new InfluxV1Writer(server.Url, options: new InfluxWriterOptions { Precision = precision });

        await writer.WriteAsync(database, [LinePoint.Measurement("p").Field("v", 1L).Timestamp(1_700_000_000_123_456_789L)], CancellationToken.None);

        Assert.Equal(expectedNs, Assert.Single(await server.QueryAsync(database, "SELECT * FROM \"p\"")).Time);
    }

    /// <summary>Writes each case's value into a point of its own, numbered by field n, and checks what each reads back as.</summary>
    private async Task AssertReadBackAsync(
        TheoryData<string, string> cases, string measurement, Func<LinePoint, string, LinePoint> put, Func<InfluxRow, string?> read)
    {
        var database = await server.CreateDatabaseAsync();
        var pairs = cases.Select(row => ((string)row[0], (string)row[1])).ToList();
        var points = pairs.Select((c, i) => put(LinePoint.Measurement(measurement), c.Item1).Field("n", (long)i).Timestamp(i)).ToList();

        await WriteAsync(database, points);

        var rows = await server.QueryAsync(database, $"SELECT * FROM \"{measurement}\"");
        Assert.Equal(pairs.Count, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal(pairs[(int)row.Long("n")!.Value].Item2, read(row));
        }
    }

    private async Task WriteAsync(string database, IReadOnlyList<LinePoint> points)
    {
        using var writer = new InfluxV1Writer(server.Url);
        Assert.Equal(points.Count, await writer.WriteAsync(database, points, CancellationToken.None));
    }
}
