using System.Diagnostics;
using InfluxDB.Client;
using InfluxDB.Client.Writes;
using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using ClientPrecision = InfluxDB.Client.Api.Domain.WritePrecision;

namespace TraktTracker.Benchmarks;

/// <summary>
/// The official InfluxDB.Client 5.1.0 beside the engine's own writer, on the same points (README: Dependencies):
/// serializer time and allocations; writes to the real influxd 1.6.7 (v1 and the client's 1.8 compatibility mode)
/// and to the recording v2 fake; and what each does when the server answers 503 or 400. Args: [points].
/// </summary>
public sealed class InfluxClientBenchmark : IBenchmark
{
    private static readonly DateTimeOffset Newest = new(2026, 9, 20, 18, 0, 0, TimeSpan.Zero);

    public string Name => "influx-client";

    public string Description => "InfluxDB.Client 5.1.0 vs the engine's writer: serializer, influxd 1.6.7, v2 fake, 503/400 answers";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var plays = Enumerable.Range(0, count).Select(Play).ToList();
        Serializers(plays);

        var server = new InfluxDbServer();
        await server.InitializeAsync();
        var fake = new InfluxV2Fake();
        await fake.InitializeAsync();
        try
        {
            await AgainstInfluxDb16Async(server, plays);
            await AgainstV2FakeAsync(fake, plays);
            await ServerTroubleAsync(fake, plays.Take(1000).ToList());
        }
        finally
        {
            await fake.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    /// <summary>The points both sides write: one watch_event-shaped point per play.</summary>
    private sealed record SyntheticPlay(long HistoryId, string MediaType, string Title, long Runtime, bool IsRewatch, long Nanoseconds);

    private static SyntheticPlay Play(int i) => new(5_000_000_000 + i, i % 3 == 0 ? "movie" : "episode", $"Title {i % 700} \"quoted\", with spaces",
        20 + i % 100, i % 5 == 0, LineProtocol.ToUnixNanoseconds(Newest.AddMinutes(-53.0 * i)));

    private static LinePoint EnginePoint(SyntheticPlay p) => LinePoint.Measurement("watch_event").Tag("media_type", p.MediaType)
        .Field("history_id", p.HistoryId).Field("title", p.Title).Field("runtime", p.Runtime).Field("is_rewatch", p.IsRewatch)
        .Timestamp(p.Nanoseconds);

    private static PointData ClientPoint(SyntheticPlay p) => PointData.Measurement("watch_event").Tag("media_type", p.MediaType)
        .Field("history_id", p.HistoryId).Field("title", p.Title).Field("runtime", p.Runtime).Field("is_rewatch", p.IsRewatch)
        .Timestamp(p.Nanoseconds, ClientPrecision.Ns);

    private static void Serializers(List<SyntheticPlay> plays)
    {
        var engine = Measure(() => LineProtocol.Serialize(plays.Select(EnginePoint)).Length);
        var client = Measure(() => plays.Select(p => ClientPoint(p).ToLineProtocol()).Sum(line => line.Length + 1));
        Console.WriteLine($"serializer, {plays.Count:N0} points built and serialized (best of 5):");
        Console.WriteLine($"  engine LinePoint:  {engine.Milliseconds,7:N0} ms, {engine.AllocatedMiB,6:N0} MiB allocated");
        Console.WriteLine($"  client PointData:  {client.Milliseconds,7:N0} ms, {client.AllocatedMiB,6:N0} MiB allocated " +
                          $"({client.Milliseconds / engine.Milliseconds:0.0}x the time, {client.AllocatedMiB / engine.AllocatedMiB:0.0}x the memory)");
    }

    private static (double Milliseconds, double AllocatedMiB) Measure(Func<int> serialize)
    {
        var best = (Milliseconds: double.MaxValue, AllocatedMiB: 0.0);
        for (var run = 0; run < 5; run++)
        {
            GC.Collect();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            serialize();
            clock.Stop();
            var mib = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0;
            if (clock.Elapsed.TotalMilliseconds < best.Milliseconds) best = (clock.Elapsed.TotalMilliseconds, mib);
        }

        return best;
    }

    private static async Task AgainstInfluxDb16Async(InfluxDbServer server, List<SyntheticPlay> plays)
    {
        Console.WriteLine($"real influxd 1.6.7 at {server.Url}:");
        var database = await server.CreateDatabaseAsync();
        using (var writer = new InfluxV1Writer(server.Url))
        {
            var clock = Stopwatch.StartNew();
            var written = await writer.WriteAsync(database, plays.Select(EnginePoint).ToList(), CancellationToken.None);
            clock.Stop();
            var stored = (await server.QueryAsync(database, "SELECT count(history_id) FROM watch_event")).Single().Long("count");
            Console.WriteLine($"  engine InfluxV1Writer (/write):           {written:N0} points in {clock.Elapsed.TotalSeconds:0.00} s, {stored:N0} stored");
        }

        var sample = plays.Take(100).Select(ClientPoint).ToList();
        using (var v2 = new InfluxDBClient(server.Url.ToString(), "any-token"))
        {
            Console.WriteLine($"  client v2 API (/api/v2/write):            {await OutcomeAsync(() => v2.GetWriteApiAsync().WritePointsAsync(sample, database, "any-org"))}");
        }

        // The client's InfluxDB 1.8 compatibility mode: user, password and database; it still posts to /api/v2/write.
        using (var v1Compat = new InfluxDBClient(server.Url.ToString(), "", "", database, "autogen"))
        {
            Console.WriteLine($"  client 1.8 compatibility (db/rp bucket):  {await OutcomeAsync(() => v1Compat.GetWriteApiAsync().WritePointsAsync(sample))}");
        }
    }

    private static async Task AgainstV2FakeAsync(InfluxV2Fake fake, List<SyntheticPlay> plays)
    {
        Console.WriteLine($"recording InfluxDB v2 fake at {fake.Url}:");
        using (var writer = new InfluxV2Writer(fake.Url, fake.Org, fake.Token))
        {
            var clock = Stopwatch.StartNew();
            await writer.WriteAsync("trakt_raw", plays.Select(EnginePoint).ToList(), CancellationToken.None);
            clock.Stop();
            Console.WriteLine($"  engine InfluxV2Writer (gzip, 5000/batch): {Accepted(fake):N0} points in {clock.Elapsed.TotalSeconds:0.00} s");
        }

        using (var client = new InfluxDBClient(fake.Url.ToString(), fake.Token))
        {
            var api = client.GetWriteApiAsync();
            var clock = Stopwatch.StartNew();
            foreach (var batch in plays.Chunk(5000))
            {
                await api.WritePointsAsync(batch.Select(ClientPoint).ToList(), "trakt_raw", fake.Org);
            }

            clock.Stop();
            Console.WriteLine($"  client WriteApiAsync (5000/batch):        {Accepted(fake):N0} points in {clock.Elapsed.TotalSeconds:0.00} s");
        }
    }

    private static async Task ServerTroubleAsync(InfluxV2Fake fake, List<SyntheticPlay> plays)
    {
        Console.WriteLine($"one 503 (Retry-After: 1) and a 400, {plays.Count:N0} points each:");
        Accepted(fake);
        fake.Enqueue("/api/v2/write", FakeResponse.Unavailable("1"));
        using (var writer = new InfluxV2Writer(fake.Url, fake.Org, fake.Token))
        {
            var written = await writer.WriteAsync("trakt_raw", plays.Select(EnginePoint).ToList(), CancellationToken.None);
            Console.WriteLine($"  engine InfluxV2Writer, 503:   retried after 1 s, {written:N0} written, {Accepted(fake):N0} accepted");
        }

        using var client = new InfluxDBClient(fake.Url.ToString(), fake.Token);
        fake.Enqueue("/api/v2/write", FakeResponse.Unavailable("1"));
        var outcome = await OutcomeAsync(() => client.GetWriteApiAsync().WritePointsAsync(plays.Select(ClientPoint).ToList(), "trakt_raw", fake.Org));
        Console.WriteLine($"  client WriteApiAsync, 503:    {outcome}; {Accepted(fake):N0} accepted (no retry)");

        foreach (var (label, responses) in new[]
        {
            ("503 three times", Enumerable.Repeat(FakeResponse.Unavailable("1"), 3).ToArray()),
            ("400", new[] { FakeResponse.Invalid() }),
        })
        {
            fake.Enqueue("/api/v2/write", responses);
            var events = new List<string>();
            var thrown = "no exception";
            try
            {
                // MaxRetries 2 stands for the default 5 with shorter waits: the outcome is the same.
                using var writeApi = client.GetWriteApi(new WriteOptions { BatchSize = 5000, FlushInterval = 100, MaxRetries = 2 });
                writeApi.EventHandler += (_, e) => { lock (events) events.Add(e.GetType().Name); };
                writeApi.WritePoints(plays.Select(ClientPoint).ToList(), "trakt_raw", fake.Org);
                writeApi.Flush();
                await Task.Delay(TimeSpan.FromSeconds(4));
            }
            catch (Exception ex)
            {
                thrown = ex.GetType().Name;
            }

            Console.WriteLine($"  client WriteApi (background), {label}: {thrown}; events: {string.Join(", ", events)}; {Accepted(fake):N0} of {plays.Count:N0} accepted");
        }
    }

    /// <summary>Lines the fake accepted since the last call.</summary>
    private static int Accepted(InfluxV2Fake fake)
    {
        lock (fake.AcceptedLines)
        {
            var count = fake.AcceptedLines.Count;
            fake.AcceptedLines.Clear();
            return count;
        }
    }

    private static async Task<string> OutcomeAsync(Func<Task> write)
    {
        try
        {
            await write();
            return "written";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}";
        }
    }
}
