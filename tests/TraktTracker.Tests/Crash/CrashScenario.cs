using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Tests.Sync;

namespace TraktTracker.Tests.Crash;

/// <summary>What a crash trial aims at: one of the four phases, or one side of a token refresh.</summary>
public enum CrashTarget { Backfill, Sync, Reconcile, Projection, RefreshInFlight, RefreshStored }

/// <summary>
/// The operation the child runs and where it is killed: right after the <see cref="Occurrence"/>-th stderr line
/// that matches <see cref="Trigger"/> (and, with <see cref="ArrivedAt"/>, once the child's next request to that path
/// reached the simulator), plus a random delay up to <see cref="MaxExtraDelay"/>, while every simulator request takes
/// <see cref="SimulatorLatency"/>.
/// </summary>
internal sealed record CrashScenario(string Operation, Func<string, bool> Trigger, int Occurrence, TimeSpan MaxExtraDelay, TimeSpan SimulatorLatency,
    string? ArrivedAt = null)
{
    /// <summary>Seeded plays: four backfill pages of 250, ten years back from two months ago.</summary>
    public const int Plays = 1_000;

    private const int ProjectedDaysPending = 120;

    /// <summary>Added to every simulator request while the child runs, so its phases last long enough to be hit.</summary>
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);

    /// <summary>Latency of the token trials: long enough that a kill lands inside one request.</summary>
    private static readonly TimeSpan RefreshLatency = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// How long after "Projecting" the projection kill may come: about as long as projecting the outbox takes here
    /// (a stale-range DELETE per day projected before, then the writes), so kills hit deletes and writes alike.
    /// </summary>
    private static readonly TimeSpan ProjectionWindow = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Brings the store and the simulator into the state the target needs (runs in-process, without latency) and
    /// says how the child is run and killed.
    /// </summary>
    public static Task<CrashScenario> PrepareAsync(CrashTarget target, SyncHarness h, RandomHistoryChanges changes, Random random) => target switch
    {
        CrashTarget.Backfill => Task.FromResult(FreshStore(random)),
        CrashTarget.Sync => NewPlaysAtTheTopAsync(h, changes, random),
        CrashTarget.Reconcile => ChangesOfEveryKindAsync(h, changes, random),
        CrashTarget.Projection => PendingDaysAsync(h, changes, random),
        // Killed while the refresh request waits in the simulator, before Trakt has rotated anything: once it has
        // arrived there (a loaded machine may take long to send it), within half the latency, so before its answer.
        CrashTarget.RefreshInFlight => ExpiredAccessTokenAsync(h, "verbose|Trakt did not accept the access token", RefreshLatency / 2, "/oauth/token"),
        // Killed after the new pair was stored, while it is first used.
        _ => ExpiredAccessTokenAsync(h, "verbose|Refreshed the Trakt access token", RefreshLatency / 2),
    };

    /// <summary>A fresh store: the start marker, then a progress line per stored page.</summary>
    private static CrashScenario FreshStore(Random random)
        => new("backfill", Phase(EnginePhase.Backfill), random.Next(1, 4), Latency, Latency);

    /// <summary>Two pages of new plays at the top; the child's sync pages down to the old cursor.</summary>
    private static async Task<CrashScenario> NewPlaysAtTheTopAsync(SyncHarness h, RandomHistoryChanges changes, Random random)
    {
        await h.BackfillAsync();
        Repeat(350, () => changes.Apply(RandomHistoryChanges.Kind.NewPlay));
        return new("sync", Phase(EnginePhase.Sync), random.Next(1, 3), Latency, Latency);
    }

    /// <summary>Changes of every kind; the full reconcile reads five pages, then adds and deletes in one go.</summary>
    private static async Task<CrashScenario> ChangesOfEveryKindAsync(SyncHarness h, RandomHistoryChanges changes, Random random)
    {
        await h.BackfillAsync();
        Repeat(40, () => changes.ApplyAny());
        return new("reconcile-full", Phase(EnginePhase.Reconcile), random.Next(1, 7), Latency, Latency);
    }

    /// <summary>
    /// The days of some reconciled changes pending, and many days projected before pending again (as when an earlier
    /// projection died): the child's sync finds Trakt unchanged and only projects.
    /// </summary>
    private static async Task<CrashScenario> PendingDaysAsync(SyncHarness h, RandomHistoryChanges changes, Random random)
    {
        await h.BackfillAsync();
        Repeat(20, () => changes.ApplyAny());
        await h.ReconcileAsync(new RunOptions { Full = true, NoInflux = true });
        using (var store = StateStore.Open(h.StateDbPath))
        {
            store.MarkDaysDirty(store.GetProjectedDays().OrderBy(_ => random.Next()).Take(ProjectedDaysPending).ToList());
        }

        return new("sync", Line("verbose|Projecting "), 1, ProjectionWindow, Latency);
    }

    /// <summary>Trakt answers the stored access token with 401: the child's sync must refresh first.</summary>
    private static async Task<CrashScenario> ExpiredAccessTokenAsync(SyncHarness h, string trigger, TimeSpan maxExtraDelay, string? arrivedAt = null)
    {
        await h.BackfillAsync();
        h.Simulator.Auth.ExpireAccessTokens();
        return new("sync", Line(trigger), 1, maxExtraDelay, RefreshLatency, arrivedAt);
    }

    private static Func<string, bool> Line(string prefix) => line => line.StartsWith(prefix, StringComparison.Ordinal);

    private static Func<string, bool> Phase(EnginePhase phase) => line => EnginePhases.Of(line) == phase;

    private static void Repeat(int times, Action change)
    {
        for (var i = 0; i < times; i++)
        {
            change();
        }
    }
}
