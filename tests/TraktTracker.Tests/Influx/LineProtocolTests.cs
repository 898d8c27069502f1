using System.Globalization;
using TraktTracker.Influx;
using Xunit;

namespace TraktTracker.Tests.Influx;

public sealed class LineProtocolTests
{
    [Fact]
    public void Tags_are_sorted_ordinally_and_empty_ones_are_left_out()
    {
        var line = LinePoint.Measurement("m").Tag("b", "2").Tag("B", "3").Tag("a", "1").Tag("empty", "").Tag("none", null)
            .Field("v", 1L).Timestamp(5).ToLineProtocol();

        Assert.Equal("m,B=3,a=1,b=2 v=1i 5", line);
    }

    [Fact]
    public void Field_types_have_their_line_protocol_forms()
    {
        var line = LinePoint.Measurement("m")
            .Field("i", -42L).Field("f", 1.5).Field("whole", 2.0).Field("big", 1e20).Field("t", true).Field("s", "x")
            .ToLineProtocol();

        Assert.Equal("m i=-42i,f=1.5,whole=2,big=1E+20,t=true,s=\"x\"", line);
    }

    [Fact]
    public void Non_finite_doubles_are_skipped()
    {
        var line = LinePoint.Measurement("m").Field("nan", double.NaN).Field("inf", double.PositiveInfinity)
            .Field("ninf", double.NegativeInfinity).Field("ok", 1.25).ToLineProtocol();

        Assert.Equal("m ok=1.25", line);
    }

    [Fact]
    public void A_point_whose_fields_were_all_skipped_cannot_be_serialized()
    {
        var point = LinePoint.Measurement("m").Field("nan", double.NaN);

        Assert.False(point.HasFields);
        var error = Assert.Throws<InvalidOperationException>(() => point.ToLineProtocol());
        Assert.Contains("'m' point has no fields", error.Message);
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("m f=1234.5,i=-1234567i", LinePoint.Measurement("m").Field("f", 1234.5).Field("i", -1234567L).ToLineProtocol());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("my meas,x=y", @"my\ meas\,x=y")]
    [InlineData("tab\there", @"tab\ here")]
    [InlineData(@"ends\", "ends\uFF3C")]
    public void Measurements_escape_comma_and_space_only(string name, string expected)
        => Assert.Equal(expected, LineProtocol.EscapeMeasurement(name));

    [Theory]
    [InlineData("a,b=c d", @"a\,b\=c\ d")]
    [InlineData(@"back\slash", @"back\slash")]
    [InlineData(@"\,", @"\\,")]
    [InlineData(@"trailing\", "trailing\uFF3C")]
    [InlineData(@"two\\", "two\\\uFF3C")]
    [InlineData("line\r\nbreak\ttab", @"line\ \ break\ tab")]
    [InlineData("ünïcødé 日本", @"ünïcødé\ 日本")]
    public void Keys_and_tag_values_escape_comma_equals_and_space(string value, string expected)
        => Assert.Equal(expected, LineProtocol.EscapeKey(value));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\dir\", "\"C:\\\\dir\\\\\"")]
    [InlineData("tab\tkept", "\"tab\tkept\"")]
    [InlineData("cr\r\nlf", "\"cr  lf\"")]
    public void String_fields_escape_quote_and_backslash(string value, string expected)
        => Assert.Equal(expected, LineProtocol.QuoteStringField(value));

    [Fact]
    public void Serialize_ends_every_line_with_a_bare_newline()
    {
        var text = LineProtocol.Serialize([LinePoint.Measurement("a").Field("v", 1L), LinePoint.Measurement("b").Field("v", 2L)]);

        Assert.Equal("a v=1i\nb v=2i\n", text);
    }

    [Theory]
    [InlineData(WritePrecision.Nanoseconds, "1700000000123456789", "ns", "ns")]
    [InlineData(WritePrecision.Microseconds, "1700000000123456", "u", "us")]
    [InlineData(WritePrecision.Milliseconds, "1700000000123", "ms", "ms")]
    [InlineData(WritePrecision.Seconds, "1700000000", "s", "s")]
    public void Timestamps_follow_the_precision_and_each_API_spells_it_its_way(WritePrecision precision, string timestamp, string v1, string v2)
    {
        var line = LinePoint.Measurement("m").Field("v", 1L).Timestamp(1_700_000_000_123_456_789L).ToLineProtocol(precision);

        Assert.Equal($"m v=1i {timestamp}", line);
        Assert.Equal(v1, precision.ToV1Parameter());
        Assert.Equal(v2, precision.ToV2Parameter());
    }

    [Fact]
    public void Later_tags_and_fields_with_the_same_key_replace_earlier_ones()
    {
        var line = LinePoint.Measurement("m").Tag("t", "1").Tag("t", "2").Field("v", 1L).Field("v", "text").ToLineProtocol();

        Assert.Equal("m,t=2 v=\"text\"", line);
    }

    [Fact]
    public void Nanosecond_timestamps_convert_both_ways()
    {
        var instant = new DateTimeOffset(2026, 3, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567);

        var ns = LineProtocol.ToUnixNanoseconds(instant);

        Assert.Equal(1774746123_123456700L, ns);
        Assert.Equal(instant, LineProtocol.FromUnixNanoseconds(ns));
    }
}
