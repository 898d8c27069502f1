using System.Collections.Concurrent;
using TraktTracker.Simulator;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Trakt;

/// <summary>
/// A running simulator, a connected in-memory token store and a client wired to both over real HTTP,
/// with retry delays scaled down (Retry-After 1 s, no margin, 10 ms backoff base).
/// </summary>
internal sealed class TraktTestBed : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];

    private TraktTestBed(TraktSimulator simulator)
    {
        Simulator = simulator;
        Store = new InMemoryTokenStore(Events);
    }

    public TraktSimulator Simulator { get; }

    /// <summary>Token saves and token uses, in the order they happened.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    public InMemoryTokenStore Store { get; }

    public RecordingReporter Reporter { get; } = new();

    public RequestSpy? Spy { get; private set; }

    public TraktClient Client { get; private set; } = null!;

    public static async Task<TraktTestBed> StartAsync(Action<SimulatorOptions>? configure = null,
        Func<TraktClientOptions, TraktClientOptions>? client = null, bool connected = true)
    {
        var options = new SimulatorOptions { RetryAfterSeconds = 1 };
        configure?.Invoke(options);
        var bed = new TraktTestBed(await TraktSimulator.StartAsync(options));
        if (connected)
        {
            var (access, refresh) = bed.Simulator.Auth.IssueTokens();
            bed.Store.Seed(access, refresh, DateTimeOffset.UtcNow.AddDays(7));
        }

        bed.Client = bed.NewClient(client);
        return bed;
    }

    public TraktClientOptions ClientOptions => new()
    {
        ApiUrl = Simulator.BaseUrl,
        AuthUrl = Simulator.BaseUrl,
        ClientId = Simulator.Options.ClientId,
        ClientSecret = Simulator.Options.ClientSecret,
        RetryAfterMarginSeconds = 0,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        DeviceSlowDownStep = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Another client on the same simulator and store (e.g. with other options), spied on.</summary>
    public TraktClient NewClient(Func<TraktClientOptions, TraktClientOptions>? adjust = null)
    {
        Spy = new RequestSpy(Events);
        var client = new TraktClient(adjust?.Invoke(ClientOptions) ?? ClientOptions, Store, Reporter, Spy);
        _owned.Add(client);
        _owned.Add(Spy);
        return client;
    }

    /// <summary>Every string that must never show up in a message or a log line.</summary>
    public IEnumerable<string> Secrets(params string?[] more) =>
        Events.Select(e => e[(e.IndexOf(' ') + 1)..])
            .Append(Simulator.Options.ClientSecret)
            .Concat(Store.LoadTokens() is { } t ? [t.AccessToken, t.RefreshToken] : [])
            .Concat(more.OfType<string>())
            .Distinct();

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await Simulator.DisposeAsync();
    }
}
