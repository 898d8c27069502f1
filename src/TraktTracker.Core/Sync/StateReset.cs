using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// The store side of <see cref="TrackerRuntime.OpenReset"/>: opens the store and wipes it. A file that is damaged or not
/// a TraktTracker database is moved aside, never deleted, so a reset can always start over without losing anything.
/// </summary>
internal static class StateReset
{
    public static (StateStore Store, StateResetResult Result) OpenAndWipe(string path, bool keepAuth, IRunReporter reporter)
    {
        var (store, movedTo) = OpenOrMoveAside(path, reporter);
        try
        {
            var result = new StateResetResult { StateDbPath = path, PlaysRemoved = store.CountPlays(), KeptAuth = keepAuth && movedTo is null, MovedAsideTo = movedTo };
            store.Reset(keepAuth);
            reporter.Verbose(keepAuth ? $"Reset the state store {path}, keeping the Trakt tokens." : $"Reset the state store {path}.");
            return (store, result);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static (StateStore Store, string? MovedTo) OpenOrMoveAside(string path, IRunReporter reporter)
    {
        try
        {
            return (StateStore.Open(path), null);
        }
        catch (StateCorruptException)
        {
            var movedTo = StateStore.MoveAside(path);
            reporter.Warning($"The state file {path} is damaged or not a TraktTracker database: moved it aside to {movedTo} " +
                $"and started an empty store. Its Trakt tokens went with it: {TraktAuthException.ReconnectAdvice} if no TRAKT_REFRESH_TOKEN is set.");
            return (StateStore.Open(path), movedTo);
        }
    }
}
