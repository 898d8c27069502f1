using System.Runtime.CompilerServices;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Report;
using TraktTracker.State;
using TraktTracker.Stats;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// The engine's front door for cmdlets and the CLI: one state store (under the one-run-at-a-time lock),
/// one Trakt client, one InfluxDB projection. Hosts bind arguments, call one method, write the result.
/// </summary>
public sealed class TrackerRuntime : IDisposable
{
    private readonly RunLock? _runLock;
    private readonly Lazy<TraktClient> _client;
    private readonly Lazy<IInfluxWriter> _influx;
    private readonly Lazy<InfluxProjector> _projector;
    private readonly RuntimeTuning _tuning;

    private TrackerRuntime(TrackerSettings settings, IRunReporter reporter, StateStore store, RunLock? runLock, RuntimeTuning tuning)
    {
        Settings = settings;
        Reporter = reporter;
        Store = store;
        _runLock = runLock;
        _tuning = tuning;
        _client = new Lazy<TraktClient>(CreateClient);
        _influx = new Lazy<IInfluxWriter>(CreateInfluxWriter);
        _projector = new Lazy<InfluxProjector>(() => InfluxProjector.ForSettings(Settings, _influx.Value, Reporter));
    }

    public TrackerSettings Settings { get; }

    public IRunReporter Reporter { get; }

    public StateStore Store { get; }

    /// <summary>What <see cref="OpenReset"/> did; null for a runtime from <see cref="Open"/>.</summary>
    public StateResetResult? LastReset { get; private set; }

    /// <summary>
    /// Opens (creating when needed) the state store at <see cref="TrackerSettings.StateDbPath"/>. With
    /// <paramref name="exclusive"/>, takes the per-store run lock first, waiting at most <paramref name="lockTimeout"/>
    /// (by default <see cref="TrackerSettings.LockTimeoutSeconds"/>).
    /// </summary>
    public static TrackerRuntime Open(TrackerSettings settings, IRunReporter reporter, bool exclusive = true, TimeSpan? lockTimeout = null,
        RuntimeTuning? tuning = null, CancellationToken ct = default)
        => OpenWith(settings, reporter, exclusive, lockTimeout, tuning, StateStore.Open, ct);

    /// <summary>
    /// Opens the store under the run lock and wipes it first (the reference tool's <c>--reset-state</c>); with
    /// <paramref name="keepAuth"/> the tokens survive. A damaged file is moved aside (never deleted) and a fresh store begins.
    /// <paramref name="ct"/> ends a wait for another run's lock.
    /// </summary>
    public static TrackerRuntime OpenReset(TrackerSettings settings, IRunReporter reporter, bool keepAuth, RuntimeTuning? tuning = null,
        CancellationToken ct = default)
    {
        StateResetResult? reset = null;
        var runtime = OpenWith(settings, reporter, exclusive: true, lockTimeout: null, tuning, path =>
        {
            (var store, reset) = StateReset.OpenAndWipe(path, keepAuth, reporter);
            return store;
        }, ct);
        runtime.LastReset = reset;
        return runtime;
    }

    /// <summary>Device flow: <paramref name="showCode"/> is called once with what the user must enter.</summary>
    public async Task<ConnectionInfo> ConnectWithDeviceFlowAsync(Action<DeviceCodePrompt> showCode, CancellationToken ct)
    {
        var code = await _client.Value.RequestDeviceCodeAsync(ct).ConfigureAwait(false);
        showCode(new DeviceCodePrompt(code.VerificationUrl, code.UserCode, code.ExpiresIn, code.Interval));
        Store.SaveTokens(await _client.Value.PollDeviceTokenAsync(code, ct).ConfigureAwait(false));
        return await DescribeConnectionAsync(ct).ConfigureAwait(false);
    }

    public async Task<ConnectionInfo> ConnectWithAuthCodeAsync(string code, CancellationToken ct)
    {
        Store.SaveTokens(await _client.Value.ExchangeAuthorizationCodeAsync(code, ct).ConfigureAwait(false));
        return await DescribeConnectionAsync(ct).ConfigureAwait(false);
    }

    public async Task<ConnectionInfo> ConnectWithRefreshTokenAsync(string refreshToken, CancellationToken ct)
    {
        await _client.Value.RedeemRefreshTokenAsync(refreshToken, ct).ConfigureAwait(false);
        return await DescribeConnectionAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets the stored tokens, revoking them at Trakt first when it answers; a Trakt that cannot be reached (or
    /// refuses) does not keep the tokens here. Null when the store held none.
    /// </summary>
    public async Task<Disconnection?> DisconnectAsync(CancellationToken ct)
    {
        if (Store.LoadTokens() is not { } tokens)
        {
            return null;
        }

        string? revokeFailure = null;
        try
        {
            await _client.Value.RevokeAsync(tokens.AccessToken, ct).ConfigureAwait(false);
        }
        catch (TraktApiException ex)
        {
            revokeFailure = ex.Message;
        }

        Store.ForgetTokens();
        return new Disconnection(Store.Path, RevokedAtTrakt: revokeFailure is null, revokeFailure);
    }

    public async Task<SyncOutcome> BackfillAsync(RunOptions options, CancellationToken ct)
    {
        var context = await PrepareAsync(options, ct).ConfigureAwait(false);
        return await new BackfillOperation(context).RunAsync(options, ct).ConfigureAwait(false);
    }

    public async Task<SyncOutcome> SyncAsync(RunOptions options, CancellationToken ct)
    {
        var context = await PrepareAsync(options, ct).ConfigureAwait(false);
        return await new IncrementalSyncOperation(context).RunAsync(options, ct).ConfigureAwait(false);
    }

    public async Task<SyncOutcome> ReconcileAsync(RunOptions options, CancellationToken ct)
    {
        var context = await PrepareAsync(options, ct).ConfigureAwait(false);
        return await new ReconcileOperation(context).RunAsync(options, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Rebuilds the whole InfluxDB projection from SQLite without calling Trakt
    /// (after a TIMEZONE change, a new InfluxDB, a wiped bucket).
    /// </summary>
    public Task<ProjectionResult> RebuildProjectionAsync(CancellationToken ct)
    {
        Settings.RequireInflux();
        return _projector.Value.RebuildAsync(Store, ct);
    }

    /// <summary>
    /// Test-TraktInflux: checks the InfluxDB settings (reachability, version, write permission on both targets)
    /// without leaving points behind. Static because it needs no state store, and it ignores ENABLE_INFLUX: it is a
    /// check of the settings, to be run before turning the projection on.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting the chosen INFLUX_API needs is missing.</exception>
    public static Task<InfluxTestResult> TestInfluxAsync(TrackerSettings settings, IRunReporter reporter, CancellationToken ct)
        => InfluxProbe.CheckSettingsAsync(settings, reporter, ct);

    /// <summary>Plays from the local store, newest first, streamed.</summary>
    public IEnumerable<WatchEvent> QueryHistory(HistoryFilter filter) => Store.QueryPlays(filter);

    /// <summary>Figures of the local history (Get-TraktStats), in the local calendar of TIMEZONE; one pass over the store.</summary>
    public WatchStats ComputeStats(StatsQuery query)
        => WatchStats.Compute(Store.QueryPlays(query.Filter), new ProjectionCalendar(Settings.TimeZone), query.Year);

    /// <summary>
    /// Writes the one-file HTML report of the whole local history to <paramref name="path"/>, with a year in review of
    /// <paramref name="year"/> when given; both from one pass over the store.
    /// </summary>
    public ReportFile ExportReport(string path, int? year)
    {
        var stats = WatchStats.ComputeEach(Store.QueryPlays(new HistoryFilter()), new ProjectionCalendar(Settings.TimeZone), year is null ? [null] : [null, year]);
        return HtmlReport.Write(path, stats[0], year is null ? null : stats[1], _tuning.Time.GetUtcNow());
    }

    /// <summary>
    /// Plays straight from the API (no state written), newest first, streamed page by page; see <see cref="OnlineHistory"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> StreamOnlineHistoryAsync(HistoryFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureConnectedAsync(ct).ConfigureAwait(false);
        await foreach (var play in OnlineHistory.StreamAsync(_client.Value, filter, ct).ConfigureAwait(false))
        {
            yield return play;
        }
    }

    /// <summary>True once a backfill has finished on this store.</summary>
    public bool BackfillCompleted => Store.GetMeta(SyncMeta.BackfillCompletedAt) is not null;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        if (_influx.IsValueCreated)
        {
            _influx.Value.Dispose();
        }

        Store.Dispose();
        _runLock?.Dispose();
    }

    private static TrackerRuntime OpenWith(TrackerSettings settings, IRunReporter reporter, bool exclusive, TimeSpan? lockTimeout,
        RuntimeTuning? tuning, Func<string, StateStore> openStore, CancellationToken ct = default)
    {
        var timeout = lockTimeout ?? TimeSpan.FromSeconds(settings.LockTimeoutSeconds);
        var path = StoreFiles.RealPath(settings.StateDbPath);
        StoreFiles.PrepareFolder(path);
        var runLock = exclusive ? RunLock.Acquire(path, timeout, reporter, ct) : null;
        try
        {
            reporter.Verbose(path == settings.StateDbPath ? $"State store: {path}" : $"State store: {settings.StateDbPath} (really {path})");
            // Before SQLite opens it: new -wal/-shm files take the database file's mode.
            StoreFiles.MakePrivate(path, reporter);
            return new TrackerRuntime(settings, reporter, openStore(path), runLock, tuning ?? new RuntimeTuning());
        }
        catch
        {
            runLock?.Dispose();
            throw;
        }
    }

    private async Task<SyncContext> PrepareAsync(RunOptions options, CancellationToken ct)
    {
        if (Settings.EnableInflux && !options.NoInflux)
        {
            Settings.RequireInflux();
        }

        // Counted from here: seeding the tokens from TRAKT_REFRESH_TOKEN / TRAKT_AUTH_CODE is a request of this run too.
        var callsAtStart = _client.Value.ApiCalls;
        await EnsureConnectedAsync(ct).ConfigureAwait(false);
        var calendar = new ProjectionCalendar(Settings.TimeZone);
        var projection = new ProjectionStep(Settings, _projector, Reporter);
        return new SyncContext(Settings, Store, _client.Value, calendar, projection, Reporter, _tuning.Time, callsAtStart, options.ReturnNewPlays);
    }

    /// <summary>A store without tokens is seeded once from TRAKT_REFRESH_TOKEN or TRAKT_AUTH_CODE, as the reference tool does.</summary>
    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (Store.LoadTokens() is not null)
        {
            return;
        }

        if (Settings.TraktRefreshToken is { } refreshToken)
        {
            Reporter.Verbose("No stored tokens: redeeming TRAKT_REFRESH_TOKEN once.");
            await _client.Value.RedeemRefreshTokenAsync(refreshToken, ct).ConfigureAwait(false);
        }
        else if (Settings.TraktAuthCode is { } code)
        {
            Reporter.Verbose("No stored tokens: exchanging TRAKT_AUTH_CODE once.");
            Store.SaveTokens(await _client.Value.ExchangeAuthorizationCodeAsync(code, ct).ConfigureAwait(false));
        }
    }

    private async Task<ConnectionInfo> DescribeConnectionAsync(CancellationToken ct)
    {
        var user = await _client.Value.GetUserSettingsAsync(ct).ConfigureAwait(false);
        return new ConnectionInfo
        {
            Username = user.Username,
            Slug = user.Slug,
            IsVip = user.IsVip,
            TimeZone = user.TimeZone,
            TokenExpiresAt = Store.LoadTokens()?.ExpiresAt ?? default,
            ApiUrl = Settings.TraktApiUrl,
        };
    }

    private TraktClient CreateClient()
    {
        Settings.RequireTraktClient();
        return new TraktClient(_tuning.AdjustClient(TraktClientOptions.From(Settings)), Store, Reporter);
    }

    private IInfluxWriter CreateInfluxWriter() => InfluxWriterFactory.Create(Settings, _tuning.InfluxOptions, Reporter);
}
