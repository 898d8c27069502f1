using TraktTracker.Config;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// The engine's front door for cmdlets and the CLI: one state store (under the one-run-at-a-time lock),
/// one Trakt client, one InfluxDB projection. Hosts bind arguments, call one method, write the result.
/// </summary>
/// <remarks>CONTRACT ONLY while the engine is being built: bodies land with the sync work.</remarks>
public sealed class TrackerRuntime : IDisposable
{
    private TrackerRuntime(TrackerSettings settings, IRunReporter reporter)
    {
        Settings = settings;
        Reporter = reporter;
    }

    public TrackerSettings Settings { get; }

    public IRunReporter Reporter { get; }

    /// <summary>
    /// Opens (creating when needed) the state store at <see cref="TrackerSettings.StateDbPath"/>. With
    /// <paramref name="exclusive"/>, takes the per-store run lock, waiting at most <paramref name="lockTimeout"/>.
    /// </summary>
    public static TrackerRuntime Open(TrackerSettings settings, IRunReporter reporter, bool exclusive = true, TimeSpan? lockTimeout = null)
        => throw new NotImplementedException();

    /// <summary>Device flow: <paramref name="showCode"/> is called once with what the user must enter.</summary>
    public Task<ConnectionInfo> ConnectWithDeviceFlowAsync(Action<DeviceCodePrompt> showCode, CancellationToken ct)
        => throw new NotImplementedException();

    public Task<ConnectionInfo> ConnectWithAuthCodeAsync(string code, CancellationToken ct)
        => throw new NotImplementedException();

    public Task<ConnectionInfo> ConnectWithRefreshTokenAsync(string refreshToken, CancellationToken ct)
        => throw new NotImplementedException();

    public Task<SyncOutcome> BackfillAsync(RunOptions options, CancellationToken ct)
        => throw new NotImplementedException();

    public Task<SyncOutcome> SyncAsync(RunOptions options, CancellationToken ct)
        => throw new NotImplementedException();

    public Task<SyncOutcome> ReconcileAsync(RunOptions options, CancellationToken ct)
        => throw new NotImplementedException();

    /// <summary>Plays from the local store, newest first, streamed.</summary>
    public IEnumerable<WatchEvent> QueryHistory(State.HistoryFilter filter)
        => throw new NotImplementedException();

    /// <summary>Plays straight from the API (no state written), newest first, streamed page by page.</summary>
    public IAsyncEnumerable<WatchEvent> StreamOnlineHistoryAsync(State.HistoryFilter filter, CancellationToken ct)
        => throw new NotImplementedException();

    /// <summary>Wipes the store; with <paramref name="keepAuth"/> the tokens survive.</summary>
    public void ResetState(bool keepAuth)
        => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
