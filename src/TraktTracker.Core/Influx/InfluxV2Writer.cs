using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>
/// InfluxDB v2 API (2.x, 1.8+ compatibility, Cloud): <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=</c> and
/// <c>POST /api/v2/delete</c>, authenticated with <c>Authorization: Token …</c>.
/// </summary>
public sealed class InfluxV2Writer : InfluxWriterBase
{
    private readonly string org;

    public InfluxV2Writer(Uri url, string org, string token, InfluxWriterOptions? options = null, IRunReporter? reporter = null)
        : base(new InfluxHttp(url, options ?? new InfluxWriterOptions(), new AuthenticationHeaderValue("Token", token), [token], reporter ?? SilentReporter.Instance),
            options ?? new InfluxWriterOptions())
    {
        this.org = org;
    }

    public override InfluxApiVersion Api => InfluxApiVersion.V2;

    public override string Describe(string bucket) => $"bucket {Quote(bucket)} (org {Quote(org)})";

    public override Task DeleteAsync(string bucket, string measurement, DateTimeOffset start, DateTimeOffset stop, CancellationToken ct)
    {
        // /api/v2/delete includes stop; one nanosecond less keeps the range half-open like InfluxQL's.
        var lastIncluded = LineProtocol.ToUnixNanoseconds(stop) - 1;
        return DeleteRangeAsync(bucket, measurement, InfluxTime.Rfc3339Nano(start), InfluxTime.Rfc3339Nano(lastIncluded), ct);
    }

    public override Task DeleteAllAsync(string bucket, string measurement, CancellationToken ct)
        => DeleteRangeAsync(bucket, measurement, InfluxTime.Earliest, InfluxTime.Latest, ct);

    /// <summary>
    /// Null: reading back needs Flux, which InfluxDB 3 lacks, and Cloud deletes asynchronously, so a read right after
    /// a delete proves nothing there. The 204 of <c>/api/v2/delete</c> is the answer on this API.
    /// </summary>
    public override Task<bool?> HoldsPointsAsync(string bucket, string measurement, CancellationToken ct) => Task.FromResult<bool?>(null);

    private protected override string WriteUri(string bucket)
        => $"api/v2/write?{BucketQuery(bucket)}&precision={Options.Precision.ToV2Parameter()}";

    private protected override InfluxException? ExplainWriteFailure(InfluxResponse response, string bucket)
    {
        var said = Http.Scrub(response.ErrorText);
        var where = $"InfluxDB at {Url} answered HTTP {response.Status} while writing to {Describe(bucket)}: {said}.";
        return response.Status switch
        {
            400 when said.Contains("partial write", StringComparison.OrdinalIgnoreCase) => PartialWrite(response, where),
            400 when said.Contains("organization", StringComparison.OrdinalIgnoreCase) =>
                Failure(InfluxFailure.NotFound, response, $"{where} Check INFLUX_ORG (the org name or id the bucket belongs to)."),
            400 => Failure(InfluxFailure.BadRequest, response, $"{where} The server rejected the whole batch; nothing of it was written."),
            422 => PartialWrite(response, where),
            _ => ExplainAccessFailure(response, bucket, where),
        };
    }

    private static string DeleteBody(string measurement, string start, string stop)
        => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["start"] = start,
            ["stop"] = stop,
            ["predicate"] = "_measurement=\"" + measurement.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        });

    private static InfluxException PartialWrite(InfluxResponse response, string where)
        => Failure(InfluxFailure.PartialWrite, response,
            $"{where} Some points were rejected and the others written. A field type conflict means the bucket already holds "
            + "that field with another type: project into a fresh bucket, or delete the measurement and rebuild the projection.");

    private string BucketQuery(string bucket) => $"org={Uri.EscapeDataString(org)}&bucket={Uri.EscapeDataString(bucket)}";

    private async Task DeleteRangeAsync(string bucket, string measurement, string start, string stop, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(DeleteBody(measurement, start, stop));
        var what = $"deleting '{measurement}' points from {Describe(bucket)}";
        var response = await Http.SendAsync(HttpMethod.Post, $"api/v2/delete?{BucketQuery(bucket)}", () => Json(body), retry: true, what, ct)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ExplainDeleteFailure(response, bucket, $"InfluxDB at {Url} answered HTTP {response.Status} while {what}: {Http.Scrub(response.ErrorText)}.")
                ?? CommonFailure(response, what);
        }
    }

    private InfluxException? ExplainDeleteFailure(InfluxResponse response, string bucket, string where)
    {
        var cannotDelete = response.Status is 405 or 501
            || (response.Status == 404 && response.IsPlainTextBody && !IsVersion1(response))
            || response.ServerVersion?.TrimStart('v').StartsWith('3') == true;
        return cannotDelete
            ? Failure(InfluxFailure.DeleteNotSupported, response,
                $"{where} This InfluxDB cannot delete points (InfluxDB 3, Cloud Serverless and OSS 2.0.0–2.0.2 have no working "
                + "/api/v2/delete), so raw points of changed days cannot be corrected there. Use InfluxDB 2.0.3+ or 1.x, "
                + "or drop and rebuild the measurement when plays were deleted or changed.")
            : ExplainAccessFailure(response, bucket, where);
    }

    /// <summary>401, 403 and 404 read the same for writes and deletes.</summary>
    private InfluxException? ExplainAccessFailure(InfluxResponse response, string bucket, string where) => response.Status switch
    {
        404 when IsVersion1(response) => Failure(InfluxFailure.WrongApi, response,
            $"{where} The server is InfluxDB {response.ServerVersion}, which does not offer this /api/v2 endpoint: set INFLUX_API=v1, "
            + "name databases in INFLUX_BUCKET_RAW / INFLUX_BUCKET_AGG (db or db/rp) and use INFLUX_USERNAME / INFLUX_PASSWORD if authentication is on."),
        404 => Failure(InfluxFailure.NotFound, response,
            $"{where} Create bucket {Quote(bucket)} in org {Quote(org)}, or correct INFLUX_BUCKET_RAW / INFLUX_BUCKET_AGG and INFLUX_ORG. "
            + $"To create it: influx bucket create --name {Quote(bucket)} --org {Quote(org)}."),
        401 => Failure(InfluxFailure.Unauthorized, response,
            $"{where} Check INFLUX_TOKEN: it must be a valid API token with write access to bucket {Quote(bucket)}."),
        403 => Failure(InfluxFailure.Forbidden, response,
            $"{where} The token in INFLUX_TOKEN is valid but may not write to bucket {Quote(bucket)}: give it write permission on that bucket."),
        _ => null,
    };

    private static bool IsVersion1(InfluxResponse response) => response.ServerVersion?.StartsWith("1.", StringComparison.Ordinal) == true;

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
