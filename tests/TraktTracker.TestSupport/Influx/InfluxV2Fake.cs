using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace TraktTracker.TestSupport.Influx;

/// <summary>
/// A recording stand-in for an InfluxDB 2.x server (Kestrel on 127.0.0.1:0): <c>/api/v2/write</c>, <c>/api/v2/delete</c>,
/// <c>/ping</c>, <c>/health</c> and <c>/api/v2/buckets</c>. By default it acts like a healthy server with one org, one
/// token and the buckets in <see cref="Buckets"/> (401 for another token, 404 for another bucket). Tests queue answers
/// per endpoint with <see cref="Enqueue"/> to play 400/413/422/429/503 and the like.
/// </summary>
public sealed class InfluxV2Fake : IAsyncLifetime
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> scripted = new();
    private WebApplication? app;

    public string Org { get; set; } = "fake-org";

    public string Token { get; set; } = "fake-token-do-not-print";

    /// <summary>Sent as <c>X-Influxdb-Version</c> on every answer.</summary>
    public string ServerVersion { get; set; } = "v2.7.11";

    public ISet<string> Buckets { get; } = new HashSet<string>(StringComparer.Ordinal) { "trakt_raw", "trakt_agg" };

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    /// <summary>Requests to <paramref name="path"/>, e.g. "/api/v2/write".</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => requests.Where(r => r.Path == path).ToList();

    /// <summary>Lines of every write the fake accepted with 204.</summary>
    public List<string> AcceptedLines { get; } = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Answers the next requests to <paramref name="path"/> (e.g. "/api/v2/write") with these, in order; then the defaults again.</summary>
    public void Enqueue(string path, params FakeResponse[] responses)
    {
        var queue = scripted.GetOrAdd(path, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var recorded = await RecordAsync(context.Request);
        requests.Enqueue(recorded);
        var response = scripted.TryGetValue(recorded.Path, out var queue) && queue.TryDequeue(out var next)
            ? next
            : DefaultAnswer(recorded);
        if (recorded.Path == "/api/v2/write" && response.Status == 204)
        {
            lock (AcceptedLines)
            {
                AcceptedLines.AddRange(recorded.Lines);
            }
        }

        context.Response.StatusCode = response.Status;
        context.Response.Headers["X-Influxdb-Version"] = ServerVersion;
        context.Response.Headers["X-Influxdb-Build"] = "OSS";
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body);
        }
    }

    private FakeResponse DefaultAnswer(RecordedRequest request) => request.Path switch
    {
        "/ping" => FakeResponse.NoContent,
        "/health" => new FakeResponse(200, JsonSerializer.Serialize(new
        {
            name = "influxdb", message = "ready for queries and writes", status = "pass", checks = Array.Empty<object>(), version = ServerVersion, commit = "fake",
        })),
        "/api/v2/write" or "/api/v2/delete" => Authorized(request) ?? BucketAnswer(request),
        "/api/v2/buckets" => Authorized(request) ?? ListBuckets(request),
        _ => FakeResponse.PageNotFound,
    };

    private FakeResponse? Authorized(RecordedRequest request)
        => request.Header("Authorization") == $"Token {Token}" ? null : FakeResponse.Unauthorized;

    private FakeResponse BucketAnswer(RecordedRequest request)
    {
        if (request.QueryValue("org") != Org)
        {
            return FakeResponse.Error(404, "not found", $"organization name \"{request.QueryValue("org")}\" not found");
        }

        var bucket = request.QueryValue("bucket") ?? "";
        return Buckets.Contains(bucket) ? FakeResponse.NoContent : FakeResponse.BucketNotFound(bucket);
    }

    private FakeResponse ListBuckets(RecordedRequest request)
    {
        var name = request.QueryValue("name");
        var found = Buckets.Where(b => name is null || b == name).Select(b => new { id = "id-" + b, orgID = "org-id", name = b, type = "user" });
        return new FakeResponse(200, JsonSerializer.Serialize(new { buckets = found, links = new { self = "/api/v2/buckets" } }));
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var gzipped = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        return new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            raw,
            Stopwatch.GetTimestamp())
        {
            Body = Encoding.UTF8.GetString(gzipped ? Gunzip(raw) : raw),
        };
    }

    private static byte[] Gunzip(byte[] raw)
    {
        using var input = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
