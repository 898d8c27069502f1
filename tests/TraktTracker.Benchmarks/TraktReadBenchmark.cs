using System.Diagnostics;
using TraktTracker.Simulator;
using TraktTracker.Trakt;

namespace TraktTracker.Benchmarks;

/// <summary>
/// A 100,000-play history read through the Trakt client against the simulator with internet-like latency
/// (150 ms a request): one page at a time, then with the default concurrency. Args: [plays] [latency-ms].
/// </summary>
public sealed class TraktReadBenchmark : IBenchmark
{
    public string Name => "trakt-read";

    public string Description => "100k plays read from the simulator (150 ms latency), sequential vs concurrent pages";

    public async Task RunAsync(string[] args)
    {
        var plays = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var latency = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1]) : 150);
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { Latency = latency, GetLimit = 100_000 });
        simulator.History.SeedRandom(plays, seed: 1);

        foreach (var concurrency in new[] { 1, new TraktClientOptions().MaxConcurrency })
        {
            await ReadOnceAsync(simulator, concurrency);
        }
    }

    private static async Task ReadOnceAsync(TraktSimulator simulator, int concurrency)
    {
        var (access, refresh) = simulator.Auth.IssueTokens();
        var options = new TraktClientOptions
        {
            ApiUrl = simulator.BaseUrl,
            AuthUrl = simulator.BaseUrl,
            ClientId = simulator.Options.ClientId,
            ClientSecret = simulator.Options.ClientSecret,
            MaxConcurrency = concurrency,
        };
        using var client = new TraktClient(options, new OneSessionStore(new StoredTokens(access, refresh, DateTimeOffset.UtcNow.AddDays(7), null)));
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var read = 0;
        await foreach (var page in client.ReadHistoryAsync(new HistoryRequest(), CancellationToken.None))
        {
            read += page.Items.Count;
        }

        clock.Stop();
        Console.WriteLine($"concurrency {concurrency}: {read:N0} plays in {clock.Elapsed.TotalSeconds:0.0} s " +
                          $"({read / clock.Elapsed.TotalSeconds:N0} plays/s), {client.ApiCalls} API calls, " +
                          $"{(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:N0} MiB allocated");
    }

    /// <summary>The state store is not needed to measure the client: tokens live in memory here.</summary>
    private sealed class OneSessionStore(StoredTokens tokens) : ITokenStore
    {
        private StoredTokens _tokens = tokens;

        public StoredTokens? LoadTokens() => _tokens;

        public void SaveTokens(StoredTokens tokens) => _tokens = tokens;

        public void MarkRefreshSent(DateTimeOffset at) => _tokens = _tokens with { RefreshSentAt = _tokens.RefreshSentAt ?? at };
    }
}
