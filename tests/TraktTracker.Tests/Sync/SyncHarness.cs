using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Simulator;
using TraktTracker.TestSupport.Influx;
using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Tests.Influx;
using TraktTracker.Tests.Trakt;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// A simulator, a connected state store in a temp folder, and runs of the real engine against both.
/// Retry steps are shortened (Retry-After 1 s, no margin, 10 ms back-off base; InfluxDB gives up within a second); nothing else is faked.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tt-sync-");

    private SyncHarness(TraktSimulator simulator)
    {
        Simulator = simulator;
    }

    public TraktSimulator Simulator { get; }

    public string StateDbPath => Path.Combine(_dir.FullName, "state.db");

    public RecordingReporter Reporter { get; } = new();

    public TrackerSettings Settings { get; set; } = null!;

    /// <summary>The InfluxDB the runs project into, once <see cref="ProjectIntoAsync"/> turned it on.</summary>
    public InfluxDbServer? Influx { get; private set; }

    public static async Task<SyncHarness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { RetryAfterSeconds = 1 };
        configure?.Invoke(options);
        var harness = new SyncHarness(await TraktSimulator.StartAsync(options));
        harness.Settings = new TrackerSettings
        {
            TraktApiUrl = harness.Simulator.BaseUrl,
            TraktAuthUrl = harness.Simulator.BaseUrl,
            TraktClientId = options.ClientId,
            TraktClientSecret = options.ClientSecret,
            TraktRetryAfterMarginSeconds = 0,
            StateDbPath = harness.StateDbPath,
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        };
        harness.Connect();
        return harness;
    }

    /// <summary>Turns the projection on: InfluxDB 1.x API against <paramref name="server"/>, a fresh database for each target.</summary>
    public async Task ProjectIntoAsync(InfluxDbServer server)
    {
        Influx = server;
        Settings = Settings with
        {
            EnableInflux = true,
            InfluxApi = InfluxApiVersion.V1,
            InfluxUrl = server.Url,
            InfluxBucketRaw = await CreateDatabaseAsync(server),
            InfluxBucketAgg = await CreateDatabaseAsync(server),
        };
    }

    /// <summary>Stores a fresh token pair, as Connect-Trakt would.</summary>
    public void Connect()
    {
        var (access, refresh) = Simulator.Auth.IssueTokens();
        using var store = StateStore.Open(StateDbPath);
        store.SaveTokens(new StoredTokens(access, refresh, DateTimeOffset.UtcNow.AddDays(7), "public"));
    }

    /// <summary>
    /// A database with ten-year shards. With the default one-week shards a ten-year history makes ~500 shards, and
    /// influxd 1.x visits every shard on each DELETE (~0.5 s per stale day here) and on first writes.
    /// </summary>
    private static async Task<string> CreateDatabaseAsync(InfluxDbServer server)
    {
        var name = $"sync_{Guid.NewGuid():N}";
        await server.ExecuteAsync($"CREATE DATABASE \"{name}\" WITH SHARD DURATION 520w");
        return name;
    }

    /// <summary>Short back-off for outages, but a full timeout: a fresh database's first writes create many shards.</summary>
    public InfluxWriterOptions InfluxOptions { get; set; } = ProjectionTestBed.FastRetries with
    {
        Retry = ProjectionTestBed.FastRetries.Retry with { RequestTimeout = InfluxWriterOptions.DefaultRetry.RequestTimeout },
    };

    /// <summary>The client counts its GETs over the simulator's rate period (Trakt's 300 s unless a test shortens it).</summary>
    public TrackerRuntime Open() => TrackerRuntime.Open(Settings, Reporter, tuning: new RuntimeTuning
    {
        AdjustClient = o => o with { RetryBaseDelay = TimeSpan.FromMilliseconds(10), RateWindow = Simulator.Options.RatePeriod },
        InfluxOptions = InfluxOptions,
    });

    public Task<SyncOutcome> BackfillAsync(RunOptions? options = null) => RunAsync((r, o) => r.BackfillAsync(o, default), options);

    public Task<SyncOutcome> SyncAsync(RunOptions? options = null) => RunAsync((r, o) => r.SyncAsync(o, default), options);

    public Task<SyncOutcome> ReconcileAsync(RunOptions? options = null) => RunAsync((r, o) => r.ReconcileAsync(o, default), options);

    public List<WatchEvent> StoredPlays()
    {
        using var store = StateStore.Open(StateDbPath);
        return store.QueryPlays(new HistoryFilter()).ToList();
    }

    /// <summary>What the store must hold: every simulator play, mapped, with rewatch flags derived independently.</summary>
    public List<WatchEvent> ExpectedPlays() => ExpectedHistory.From(Simulator.History.Snapshot());

    public void AssertStoreMatchesSimulator()
    {
        var expected = ExpectedPlays();
        var actual = StoredPlays();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    /// <summary>InfluxDB holds exactly the projection of the simulator's history (see <see cref="ExpectedProjection"/>).</summary>
    public Task AssertInfluxMatchesSimulatorAsync()
        => ExpectedProjection.AssertMatchesAsync(Influx!, Settings.InfluxBucketRaw, Settings.InfluxBucketAgg, ExpectedPlays(), Settings.TimeZone);

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    /// <summary>Without options, the run returns its new plays, read while the runtime is still open.</summary>
    private async Task<SyncOutcome> RunAsync(Func<TrackerRuntime, RunOptions, Task<SyncOutcome>> run, RunOptions? options)
    {
        using var runtime = Open();
        var outcome = await run(runtime, options ?? new RunOptions { ReturnNewPlays = true });
        return outcome with { NewPlays = outcome.NewPlays.ToList() };
    }
}

/// <summary>The oracle: the history a store must hold for a simulator history.</summary>
internal static class ExpectedHistory
{
    public static List<WatchEvent> From(IEnumerable<SimPlay> plays)
    {
        var mapped = plays.Select(SimPlayMapping.Expected).ToList();
        var rewatches = mapped
            .GroupBy(p => p.TitleKey())
            .SelectMany(g => g.OrderBy(p => p.WatchedAt).ThenBy(p => p.HistoryId).Skip(1))
            .Select(p => p.HistoryId)
            .ToHashSet();
        return mapped
            .Select(p => p with { IsRewatch = rewatches.Contains(p.HistoryId) })
            .OrderByDescending(p => p.WatchedAt).ThenByDescending(p => p.HistoryId)
            .ToList();
    }
}
