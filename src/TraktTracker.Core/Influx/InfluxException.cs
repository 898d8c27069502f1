namespace TraktTracker.Influx;

/// <summary>Why an InfluxDB call failed; decides what the user is told to fix.</summary>
public enum InfluxFailure
{
    /// <summary>No HTTP answer: refused, reset, DNS, timeout.</summary>
    Unreachable,

    /// <summary>401: token or user/password wrong or missing.</summary>
    Unauthorized,

    /// <summary>403: authenticated, but not allowed on this bucket or database.</summary>
    Forbidden,

    /// <summary>404: bucket, org, database or retention policy missing.</summary>
    NotFound,

    /// <summary>The server does not speak the configured API (v2 settings against InfluxDB 1.x before 1.8).</summary>
    WrongApi,

    /// <summary>400: the server rejected the request or its line protocol as a whole.</summary>
    BadRequest,

    /// <summary>Some points were rejected (1.x 400 "partial write", v2 422, v3 400 with rejected lines); the rest were written.</summary>
    PartialWrite,

    /// <summary>413: the batch was too big.</summary>
    TooLarge,

    /// <summary>429 or 5xx that lasted through every retry (or asked for a longer wait than allowed).</summary>
    Unavailable,

    /// <summary>The server cannot delete points (InfluxDB 3, Cloud Serverless, OSS 2.0.0–2.0.2).</summary>
    DeleteNotSupported,

    /// <summary>An answer this client does not understand.</summary>
    UnexpectedResponse,
}

/// <summary>
/// A failed InfluxDB call. The message names the server URL, the bucket or database (and org), what went wrong and
/// what to fix; it never contains the token or password.
/// </summary>
public sealed class InfluxException : Exception
{
    public InfluxException(InfluxFailure failure, string message, int? statusCode = null, string? serverVersion = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        StatusCode = statusCode;
        ServerVersion = serverVersion;
    }

    public InfluxFailure Failure { get; }

    /// <summary>HTTP status of the last answer, or null when there was none.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>X-Influxdb-Version</c> the server sent, when it sent one.</summary>
    public string? ServerVersion { get; }

    /// <summary>True when the server wrote some points of the batch and rejected others.</summary>
    public bool SomePointsRejected => Failure == InfluxFailure.PartialWrite;
}
