using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>
/// InfluxDB 1.x API: <c>POST /write?db=&amp;rp=&amp;precision=</c> and InfluxQL <c>DELETE</c> over <c>POST /query</c>.
/// A bucket is <c>db</c> or <c>db/rp</c>. Credentials go in a Basic header, never in the URL.
/// </summary>
public sealed class InfluxV1Writer : InfluxWriterBase
{
    private readonly string? username;

    public InfluxV1Writer(Uri url, string? username = null, string? password = null, InfluxWriterOptions? options = null, IRunReporter? reporter = null)
        : base(new InfluxHttp(url, options ?? new InfluxWriterOptions(), BasicAuth(username, password), [password], reporter ?? SilentReporter.Instance),
            options ?? new InfluxWriterOptions())
    {
        this.username = string.IsNullOrEmpty(username) ? null : username;
    }

    public override InfluxApiVersion Api => InfluxApiVersion.V1;

    public override string Describe(string bucket)
    {
        var (database, retentionPolicy) = ParseBucket(bucket);
        return retentionPolicy is null
            ? $"database {Quote(database)}"
            : $"database {Quote(database)}, retention policy {Quote(retentionPolicy)}";
    }

    /// <summary>Splits <c>db</c> or <c>db/rp</c>; an empty retention policy means the database's default.</summary>
    public static (string Database, string? RetentionPolicy) ParseBucket(string bucket)
    {
        var slash = bucket.IndexOf('/');
        var database = slash < 0 ? bucket : bucket[..slash];
        var retentionPolicy = slash < 0 || slash == bucket.Length - 1 ? null : bucket[(slash + 1)..];
        if (database.Length == 0)
        {
            throw new ArgumentException(
                $"'{bucket}' names no database. With INFLUX_API=v1, INFLUX_BUCKET_RAW and INFLUX_BUCKET_AGG are 'database' or 'database/retention-policy'.",
                nameof(bucket));
        }

        return (database, retentionPolicy);
    }

    public override Task DeleteAsync(string bucket, string measurement, DateTimeOffset start, DateTimeOffset stop, CancellationToken ct)
        => QueryAsync(bucket, $"DELETE FROM {Identifier(measurement)} WHERE time >= '{InfluxTime.Rfc3339Nano(start)}' AND time < '{InfluxTime.Rfc3339Nano(stop)}'", ct);

    public override Task DeleteAllAsync(string bucket, string measurement, CancellationToken ct)
        => QueryAsync(bucket, $"DELETE FROM {Identifier(measurement)}", ct);

    /// <summary>Reads <c>SHOW MEASUREMENTS</c>: a measurement whose points were all deleted is gone from it.</summary>
    public override async Task<bool?> HoldsPointsAsync(string bucket, string measurement, CancellationToken ct)
    {
        var body = await QueryAsync(bucket, $"SHOW MEASUREMENTS WITH MEASUREMENT = {Identifier(measurement)}", ct).ConfigureAwait(false);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("results").EnumerateArray().Any(r => r.TryGetProperty("series", out var series) && series.GetArrayLength() > 0);
    }

    /// <summary>
    /// Runs InfluxQL against the bucket's database and returns the JSON answer. Statement errors arrive as HTTP 200
    /// with <c>results[].error</c>, so the body is checked too.
    /// </summary>
    public async Task<string> QueryAsync(string bucket, string influxQl, CancellationToken ct)
    {
        var (database, _) = ParseBucket(bucket);
        var what = $"running `{influxQl}` on {Describe(bucket)}";
        var form = new Dictionary<string, string> { ["q"] = influxQl };
        var response = await Http.SendAsync(HttpMethod.Post, $"query?db={Uri.EscapeDataString(database)}", () => new FormUrlEncodedContent(form), retry: true, what, ct)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ExplainFailure(response, bucket, what) ?? CommonFailure(response, what);
        }

        if (StatementError(response.Body) is { } error)
        {
            throw Failure(InfluxFailure.BadRequest, response, $"InfluxDB at {Url} refused `{influxQl}` on {Describe(bucket)}: {Http.Scrub(error)}.");
        }

        return response.Body;
    }

    private protected override string WriteUri(string bucket)
    {
        var (database, retentionPolicy) = ParseBucket(bucket);
        var rp = retentionPolicy is null ? "" : "&rp=" + Uri.EscapeDataString(retentionPolicy);
        return $"write?db={Uri.EscapeDataString(database)}{rp}&precision={Options.Precision.ToV1Parameter()}";
    }

    private protected override InfluxException? ExplainWriteFailure(InfluxResponse response, string bucket)
        => ExplainFailure(response, bucket, $"writing to {Describe(bucket)}");

    private static AuthenticationHeaderValue? BasicAuth(string? username, string? password)
        => string.IsNullOrEmpty(username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    private static string Identifier(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string? StatementError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var topError))
            {
                return topError.GetString();
            }

            return root.TryGetProperty("results", out var results)
                ? results.EnumerateArray().Select(r => r.TryGetProperty("error", out var e) ? e.GetString() : null).FirstOrDefault(e => e is not null)
                : null;
        }
        catch (JsonException)
        {
            return "unreadable answer: " + (body.Length > 200 ? body[..200] : body);
        }
    }

    private InfluxException? ExplainFailure(InfluxResponse response, string bucket, string what)
    {
        var (database, retentionPolicy) = ParseBucket(bucket);
        var said = Http.Scrub(response.ErrorText);
        var where = $"InfluxDB at {Url} answered HTTP {response.Status} while {what}: {said}.";
        var (failure, advice) = response.Status switch
        {
            400 when said.Contains("partial write", StringComparison.OrdinalIgnoreCase) => (InfluxFailure.PartialWrite,
                "Some points were rejected and the others written. A field type conflict means the database already holds that field "
                + "with another type: project into a fresh database, or drop the measurement and rebuild the projection."),
            400 => (InfluxFailure.BadRequest, "The server rejected the request."),
            401 when username is null => (InfluxFailure.Unauthorized,
                "The server requires authentication: set INFLUX_USERNAME and INFLUX_PASSWORD."),
            401 => (InfluxFailure.Unauthorized,
                $"The server refused user {Quote(username)}: check INFLUX_USERNAME and INFLUX_PASSWORD."),
            403 => (InfluxFailure.Forbidden,
                $"User {Quote(username ?? "")} may not write to database {Quote(database)}: GRANT WRITE ON \"{database}\" TO \"{username}\"."),
            404 when said.Contains("database not found", StringComparison.OrdinalIgnoreCase) => (InfluxFailure.NotFound,
                $"Create the database (CREATE DATABASE \"{database}\") or correct INFLUX_BUCKET_RAW / INFLUX_BUCKET_AGG."),
            404 => (InfluxFailure.WrongApi,
                "The server has no InfluxDB 1.x endpoint here: check INFLUX_URL, or set INFLUX_API=v2 for InfluxDB 2.x."),
            500 when said.Contains("retention policy not found", StringComparison.OrdinalIgnoreCase) => (InfluxFailure.NotFound,
                $"Create retention policy {Quote(retentionPolicy ?? "")} on database {Quote(database)}, or correct the part after '/' in INFLUX_BUCKET_RAW / INFLUX_BUCKET_AGG."),
            _ => (InfluxFailure.UnexpectedResponse, ""),
        };
        return failure == InfluxFailure.UnexpectedResponse
            ? null
            : Failure(failure, response, $"{where} {advice}");
    }
}
