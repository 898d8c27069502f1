namespace TraktTracker.Influx;

/// <summary>Unit of the timestamps in a write request. The projection uses <see cref="Nanoseconds"/>.</summary>
public enum WritePrecision
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}

/// <summary>How each HTTP API spells a precision.</summary>
public static class WritePrecisionNames
{
    /// <summary>The <c>precision=</c> value of InfluxDB 1.x <c>/write</c>: <c>ns|u|ms|s</c>, never <c>us</c>.</summary>
    public static string ToV1Parameter(this WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "ns",
        WritePrecision.Microseconds => "u",
        WritePrecision.Milliseconds => "ms",
        WritePrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown write precision."),
    };

    /// <summary>The <c>precision=</c> value of <c>/api/v2/write</c>: <c>ns|us|ms|s</c>.</summary>
    public static string ToV2Parameter(this WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "ns",
        WritePrecision.Microseconds => "us",
        WritePrecision.Milliseconds => "ms",
        WritePrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown write precision."),
    };

    /// <summary>Nanoseconds per unit of <paramref name="precision"/>.</summary>
    public static long NanosecondsPerUnit(this WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => 1L,
        WritePrecision.Microseconds => 1_000L,
        WritePrecision.Milliseconds => 1_000_000L,
        WritePrecision.Seconds => 1_000_000_000L,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown write precision."),
    };
}
