using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Tests.Sync;

namespace TraktTracker.Tests.Crash;

/// <summary>What a crash trial aims at: one of the four phases, or one side of a token refresh.</summary>
public enum CrashTarget { Backfill, Sync, Reconcile, Projection, RefreshInFlight, RefreshStored }

/// <summary>
/// The operation the child runs and where it is killed: right after the <see cref="Occurrence"/>-th stderr line
/// that matches <see cref="Trigger"/>, plus a random delay below <see cref="MaxExtraDelay"/>, while every simulator
/// request takes <see cref="SimulatorLatency"/>.
/// </summary>
internal sealed record CrashScenario(string Operation, Func<string, bool> Trigger, int Occurrence, TimeSpan MaxExtraDelay, TimeSpan SimulatorLatency)
{
    /// <summary>Added to every simulator request while the child runs, so its phases last long enough to be hit.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);

    /// <summary>Seeded plays: four backfill pages of 250, ten years back from two months ago.</summary>
    public const int Plays = 1_000;

    /// <summary>
    /// Brings the store and the simulator into the state the target needs (runs in-process, without latency) and
    /// says how the child is run and killed.
    /// </summary>
    public static async Task<CrashScenario> PrepareAsync(CrashTarget target, SyncHarness h, RandomHistoryChanges changes, Random random)
    {
        switch (target)
        {
            case CrashTarget.Backfill:
                // A fresh store: the start marker, then a progress line per stored page.
                return new("backfill", Phase(EnginePhase.Backfill), random.Next(1, 4), Latency, Latency);

            case CrashTarget.Sync:
                // Two pages of new plays at the top; the child pages down to the old cursor.
                await h.BackfillAsync();
                Repeat(350, () => changes.Apply(RandomHistoryChanges.Kind.NewPlay));
                return new("sync", Phase(EnginePhase.Sync), random.Next(1, 3), Latency, Latency);

            case CrashTarget.Reconcile:
                // Changes of every kind; the full reconcile reads five pages, then adds and deletes in one go.
                await h.BackfillAsync();
                Repeat(40, () => changes.ApplyAny());
                return new("reconcile-full", Phase(EnginePhase.Reconcile), random.Next(1, 7), Latency, Latency);

            case CrashTarget.Projection:
                // The days of some reconciled changes pending, and many days projected before pending again (as
                // when an earlier projection died): the child's sync finds Trakt unchanged and only projects.
                await h.BackfillAsync();
                Repeat(20, () => changes.ApplyAny());
                await h.ReconcileAsync(new RunOptions { Full = true, NoInflux = true });
                MarkDirtyAgain(h, random, ProjectedDaysPending);
                return new("sync", line => line.StartsWith("verbose|Projecting ", StringComparison.Ordinal), 1, ProjectionWindow, Latency);

            case CrashTarget.RefreshInFlight:
                // Killed while the refresh request waits in the simulator, before Trakt has rotated anything.
                await h.BackfillAsync();
                h.Simulator.Auth.ExpireAccessTokens();
                return new("sync", line => line.StartsWith("verbose|Trakt did not accept the access token", StringComparison.Ordinal), 1, RefreshLatency / 3, RefreshLatency);

            default:
                // Killed after the new pair was stored, while it is first used.
                await h.BackfillAsync();
                h.Simulator.Auth.ExpireAccessTokens();
                return new("sync", line => line.StartsWith("verbose|Refreshed the Trakt access token", StringComparison.Ordinal), 1, RefreshLatency / 2, RefreshLatency);
        }
    }

    /// <summary>Latency of the token trials: long enough that a kill lands inside one request.</summary>
    public static readonly TimeSpan RefreshLatency = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// How long after "Projecting" the projection kill may come: about as long as projecting the outbox takes here
    /// (a stale-range DELETE per day projected before, then the writes), so kills hit deletes and writes alike.
    /// </summary>
    public static readonly TimeSpan ProjectionWindow = TimeSpan.FromMilliseconds(400);

    private const int ProjectedDaysPending = 120;

    private static Func<string, bool> Phase(EnginePhase phase) => line => EnginePhases.Of(line) == phase;

    private static void Repeat(int times, Action change)
    {
        for (var i = 0; i < times; i++)
        {
            change();
        }
    }

    private static void MarkDirtyAgain(SyncHarness h, Random random, int days)
    {
        using var store = StateStore.Open(h.StateDbPath);
        store.MarkDaysDirty(store.GetProjectedDays().OrderBy(_ => random.Next()).Take(days).ToList());
    }
}
