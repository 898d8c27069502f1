using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>
/// Writes and deletes points in one InfluxDB server. A "bucket" is a v2 bucket name, or for v1 a database name
/// optionally followed by <c>/retention-policy</c> (as InfluxDB 1.8 maps buckets).
/// </summary>
public interface IInfluxWriter : IDisposable
{
    InfluxApiVersion Api { get; }

    /// <summary>The server URL without credentials, safe to show.</summary>
    Uri Url { get; }

    /// <summary>Where <paramref name="bucket"/> lives, for messages: URL, bucket or database, org.</summary>
    string Describe(string bucket);

    /// <summary>GET /ping: the server's <c>X-Influxdb-Version</c> (null when it sends none, as Cloud does).</summary>
    Task<string?> PingAsync(CancellationToken ct);

    /// <summary>Writes the points in batches of at most <see cref="InfluxWriterOptions.BatchSize"/> lines.</summary>
    /// <returns>How many points were written.</returns>
    /// <exception cref="InfluxException">The server did not accept a batch; earlier batches stay written.</exception>
    Task<int> WriteAsync(string bucket, IReadOnlyList<LinePoint> points, CancellationToken ct);

    /// <summary>Deletes the points of <paramref name="measurement"/> with <paramref name="start"/> ≤ time &lt; <paramref name="stop"/>.</summary>
    Task DeleteAsync(string bucket, string measurement, DateTimeOffset start, DateTimeOffset stop, CancellationToken ct);

    /// <summary>Deletes every point of <paramref name="measurement"/>.</summary>
    Task DeleteAllAsync(string bucket, string measurement, CancellationToken ct);

    /// <summary>
    /// Whether <paramref name="measurement"/> still holds points, read back from the server; null when this API
    /// cannot tell reliably (then the delete's own answer is all there is).
    /// </summary>
    Task<bool?> HoldsPointsAsync(string bucket, string measurement, CancellationToken ct);
}
