using System.Management.Automation;
using System.Text.RegularExpressions;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Scheduling;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Commands;

/// <summary>
/// Turns engine exceptions into ErrorRecords: a stable id, a real category, the thing at fault as TargetObject,
/// a one-sentence message, and the README's troubleshooting advice as RecommendedAction.
/// </summary>
internal static partial class EngineErrors
{
    /// <param name="exception">What the engine threw.</param>
    /// <param name="target">The path, URL or setting at fault when the exception does not name its own.</param>
    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        var (id, category) = Classify(exception);
        var record = new ErrorRecord(exception, id, category, OwnTarget(exception) ?? target)
        {
            // The exception keeps the whole text (and its inner exceptions) for $_.Exception; the record shows what happened.
            ErrorDetails = new ErrorDetails(FirstSentence(exception.Message)) { RecommendedAction = Advice(exception) },
        };
        return record;
    }

    /// <summary>The first sentence of an engine message: what happened. The rest is advice, which RecommendedAction carries.</summary>
    internal static string FirstSentence(string message)
    {
        var end = SentenceEnd().Match(message);
        return end.Success ? message[..(end.Index + 1)] : message;
    }

    // A full stop, then space and a capital: "…TRAKT_CLIENT_ID. Set it…"; not "e.g. X", "v1.8" or "state.db".
    [GeneratedRegex(@"(?<!\be\.g|\bi\.e)\.\s+(?=[A-Z])")]
    private static partial Regex SentenceEnd();

    private static object? OwnTarget(Exception exception) => exception switch
    {
        ConfigurationException config => config.Setting,
        StateMissingException missing => missing.Path,
        _ => null,
    };

    private static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
    {
        StateMissingException => (ErrorIds.StateMissing, ErrorCategory.ObjectNotFound),
        _ => EngineFailure.Classify(exception) switch
        {
            FailureKind.Configuration => (ErrorIds.ConfigurationInvalid, ErrorCategory.InvalidArgument),
            FailureKind.Authentication => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
            FailureKind.TraktUnreachable => (ErrorIds.ApiFailed, ErrorCategory.ConnectionError),
            FailureKind.TraktApi => (ErrorIds.ApiFailed, ErrorCategory.ResourceUnavailable),
            FailureKind.StateLocked => (ErrorIds.StateLocked, ErrorCategory.ResourceBusy),
            FailureKind.StateCorrupt => (ErrorIds.StateCorrupt, ErrorCategory.ReadError),
            FailureKind.StateUnavailable => (ErrorIds.StateUnavailable, ErrorCategory.ResourceUnavailable),
            FailureKind.Influx => (ErrorIds.InfluxFailed, InfluxCategory(((InfluxException)exception).Failure)),
            FailureKind.Schedule => ScheduleError(((ScheduleException)exception).Kind),
            FailureKind.Stopped => (ErrorIds.OperationStopped, ErrorCategory.OperationStopped),
            _ => (ErrorIds.Unexpected, ErrorCategory.NotSpecified),
        },
    };

    /// <summary>The "what to do" column of the README's troubleshooting table, for this failure.</summary>
    private static string Advice(Exception exception) => exception switch
    {
        ConfigurationException { Message: var m } when m.StartsWith("Missing required Influx", StringComparison.Ordinal)
            => "Set them (parameter, environment or config.toml), or set ENABLE_INFLUX=false or use -NoInflux to store only.",
        ConfigurationException { Message: var m } when m.StartsWith("Missing required", StringComparison.Ordinal)
            => "Set it as a parameter, an environment variable or in config.toml.",
        ConfigurationException => "Fix the value of the setting it names.",
        StateMissingException => "Run Connect-Trakt and Invoke-TraktBackfill first, or pass -StateDbPath to use an existing store.",
        StateLockedException => "One run per state store at a time: wait for the other run (the message names its process), or raise "
            + "LOCK_TIMEOUT_SECONDS so scheduled runs wait longer.",
        StateCorruptException => "Run Reset-TraktState -Force, which renames the file to <file>.broken-<time> and starts a new store; "
            + "then run Connect-Trakt and Invoke-TraktBackfill.",
        StateStoreException => "Check that the folder of the state store exists and is writable by you, or pass another -StateDbPath.",
        TraktAuthException => "Run Connect-Trakt (again): refresh tokens are single-use, so another copy of the state file may have used it.",
        TraktApiException { FromCloudflare: true } => "Cloudflare blocked the request, not Trakt itself: wait as long as it says and run again.",
        TraktApiException { StatusCode: 403 } => "Check TRAKT_CLIENT_ID: the Trakt API app was deleted or is invalid (new apps need Trakt VIP).",
        TraktApiException { StatusCode: null } => "Check the network connection and TRAKT_API_URL, then run again.",
        TraktApiException => "Trakt refused or failed the request: run again later; -Verbose shows each call.",
        InfluxException { Failure: InfluxFailure.WrongApi } => "Set INFLUX_API=v1: the server is an InfluxDB 1.x.",
        InfluxException => "Check INFLUX_URL, the credentials and the buckets with Test-TraktInflux; the days stay pending until InfluxDB accepts them.",
        ScheduleException { Kind: ScheduleErrorKind.InvalidSchedule } => "Fix the cron expression, time zone or setting it names.",
        ScheduleException { Kind: ScheduleErrorKind.BackendUnavailable } => "Pick another -Backend, or install the scheduler it names.",
        ScheduleException => "Run the scheduler command it names yourself to see why it refused, then register again.",
        OperationCanceledException => "Run it again: what was stored so far is kept and the next run carries on from there.",
        _ => "Run again with -Verbose to see what the engine did before it failed.",
    };

    private static (string Id, ErrorCategory Category) ScheduleError(ScheduleErrorKind kind) => kind switch
    {
        ScheduleErrorKind.InvalidSchedule => (ErrorIds.ScheduleInvalid, ErrorCategory.InvalidArgument),
        ScheduleErrorKind.BackendUnavailable => (ErrorIds.SchedulerUnavailable, ErrorCategory.NotInstalled),
        _ => (ErrorIds.SchedulerFailed, ErrorCategory.InvalidOperation),
    };

    private static ErrorCategory InfluxCategory(InfluxFailure failure) => failure switch
    {
        InfluxFailure.Unauthorized => ErrorCategory.AuthenticationError,
        InfluxFailure.Forbidden => ErrorCategory.PermissionDenied,
        InfluxFailure.NotFound => ErrorCategory.ObjectNotFound,
        InfluxFailure.WrongApi or InfluxFailure.BadRequest or InfluxFailure.TooLarge => ErrorCategory.InvalidArgument,
        InfluxFailure.PartialWrite => ErrorCategory.WriteError,
        InfluxFailure.DeleteNotSupported => ErrorCategory.NotImplemented,
        _ => ErrorCategory.ConnectionError,
    };
}
