using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Scheduling;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker;

/// <summary>What kind of trouble an engine exception reports: hosts pick their error ids, categories and exit codes from it.</summary>
public enum FailureKind
{
    /// <summary>A missing or invalid setting (<see cref="ConfigurationException"/>).</summary>
    Configuration,

    /// <summary>No usable Trakt authorization: the user must connect again.</summary>
    Authentication,

    /// <summary>Trakt could not be reached at all (no HTTP answer).</summary>
    TraktUnreachable,

    /// <summary>Trakt (or Cloudflare in front of it) answered with an error.</summary>
    TraktApi,

    /// <summary>Another run holds the state store.</summary>
    StateLocked,

    /// <summary>The state file is damaged or not a TraktTracker store.</summary>
    StateCorrupt,

    /// <summary>The state store cannot be opened or written.</summary>
    StateUnavailable,

    /// <summary>An InfluxDB call failed (<see cref="InfluxException.Failure"/> says how).</summary>
    Influx,

    /// <summary>An OS schedule could not be planned, installed or removed (<see cref="ScheduleException.Kind"/> says how).</summary>
    Schedule,

    /// <summary>The run was cancelled (Ctrl+C, SIGTERM, a stopped pipeline).</summary>
    Stopped,

    /// <summary>Anything else: a bug or an environment problem nobody anticipated.</summary>
    Unexpected,
}

/// <summary>The one classification of engine exceptions that the module and the command line share.</summary>
public static class EngineFailure
{
    // Most specific types first: TraktAuthException is a TraktApiException, StateLockedException a StateStoreException.
    public static FailureKind Classify(Exception exception) => exception switch
    {
        ConfigurationException => FailureKind.Configuration,
        TraktAuthException => FailureKind.Authentication,
        TraktApiException { StatusCode: null } => FailureKind.TraktUnreachable,
        TraktApiException => FailureKind.TraktApi,
        StateLockedException => FailureKind.StateLocked,
        StateCorruptException => FailureKind.StateCorrupt,
        StateStoreException => FailureKind.StateUnavailable,
        InfluxException => FailureKind.Influx,
        ScheduleException => FailureKind.Schedule,
        OperationCanceledException => FailureKind.Stopped,
        _ => FailureKind.Unexpected,
    };

    /// <summary>
    /// True when running again cannot help until the user changes something (settings, authorization, the
    /// state file): a long-running service stops on these instead of failing at every scheduled run.
    /// </summary>
    public static bool NeedsUser(FailureKind kind)
        => kind is FailureKind.Configuration or FailureKind.Authentication or FailureKind.StateCorrupt;

    /// <summary>
    /// Every message down the InnerException chain: "could not load e_sqlite3" hides under two wrappers otherwise.
    /// It ends at a cancellation: below one lie only "The operation was canceled." and its socket-level echoes,
    /// while the message above already says what timed out or stopped.
    /// </summary>
    public static string MessageChain(Exception exception)
    {
        var messages = new List<string> { exception.Message };
        for (var current = exception.InnerException; current is not null and not OperationCanceledException; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" ---> ", messages);
    }
}
