using System.Globalization;

namespace TraktTracker.Influx;

/// <summary>Time literals for delete requests.</summary>
internal static class InfluxTime
{
    /// <summary>The earliest and latest instants InfluxDB stores (models.MinNanoTime / MaxNanoTime).</summary>
    public const string Earliest = "1677-09-21T00:12:43.145224194Z";
    public const string Latest = "2262-04-11T23:47:16.854775806Z";

    /// <summary>RFC 3339 UTC with nine fractional digits, e.g. <c>2026-03-29T22:00:00.000000000Z</c>.</summary>
    public static string Rfc3339Nano(long unixNanoseconds)
    {
        var seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000L;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    public static string Rfc3339Nano(DateTimeOffset instant) => Rfc3339Nano(LineProtocol.ToUnixNanoseconds(instant));
}
