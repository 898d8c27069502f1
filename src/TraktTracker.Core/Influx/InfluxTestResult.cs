using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>
/// What Test-TraktInflux found out about the configured InfluxDB. Flat, so it exports cleanly; it names the server
/// and the targets, never a token or password.
/// </summary>
public sealed record InfluxTestResult
{
    /// <summary>True when the server answered and both targets took (and gave back) a probe point.</summary>
    public bool Success { get; init; }

    /// <summary>INFLUX_URL without credentials.</summary>
    public Uri? Url { get; init; }

    /// <summary>INFLUX_API: the API the projection would speak.</summary>
    public InfluxApiVersion Api { get; init; }

    /// <summary>The server's <c>X-Influxdb-Version</c> (e.g. <c>1.6.7~rc0</c>, <c>v2.7.11</c>); empty when it sent none.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>The server answered <c>/ping</c>.</summary>
    public bool Reachable { get; init; }

    /// <summary>Where watch_event goes, e.g. <c>database 'trakt_raw'</c> or <c>bucket 'trakt_raw' (org 'home')</c>.</summary>
    public string RawTarget { get; init; } = "";

    /// <summary>The raw target accepted a write.</summary>
    public bool CanWriteRaw { get; init; }

    /// <summary>Where watch_daily goes.</summary>
    public string AggregateTarget { get; init; } = "";

    /// <summary>The aggregate target accepted a write.</summary>
    public bool CanWriteDaily { get; init; }

    /// <summary>The first problem's kind (Unreachable, Unauthorized, NotFound, WrongApi…), or null on success.</summary>
    public InfluxFailure? Failure { get; init; }

    /// <summary>What was found, and on failure what to fix.</summary>
    public string Message { get; init; } = "";

    /// <summary>A failed check as the exception hosts report (stable error id, exit code); null on success.</summary>
    public InfluxException? ToException()
        => Success ? null : new InfluxException(Failure ?? InfluxFailure.UnexpectedResponse, Message, serverVersion: ServerVersion);
}
