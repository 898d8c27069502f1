using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Scheduling;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Commands;

/// <summary>Turns engine exceptions into ErrorRecords with a stable id and a real category.</summary>
internal static class EngineErrors
{
    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        var (id, category) = Classify(exception);
        var record = new ErrorRecord(exception, id, category, target);
        if (exception.InnerException is not null)
        {
            // The whole chain: "could not load e_sqlite3" hides under two wrappers otherwise.
            record.ErrorDetails = new ErrorDetails(MessageChain(exception));
        }

        return record;
    }

    public static string MessageChain(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" ---> ", messages);
    }

    // Most specific types first: TraktAuthException is a TraktApiException, StateLockedException a StateStoreException.
    private static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
    {
        ConfigurationException => (ErrorIds.ConfigurationInvalid, ErrorCategory.InvalidArgument),
        TraktAuthException => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
        TraktApiException { StatusCode: null } => (ErrorIds.ApiFailed, ErrorCategory.ConnectionError),
        TraktApiException => (ErrorIds.ApiFailed, ErrorCategory.ResourceUnavailable),
        StateLockedException => (ErrorIds.StateLocked, ErrorCategory.ResourceBusy),
        StateCorruptException => (ErrorIds.StateCorrupt, ErrorCategory.ReadError),
        StateStoreException => (ErrorIds.StateUnavailable, ErrorCategory.ResourceUnavailable),
        InfluxException influx => (ErrorIds.InfluxFailed, InfluxCategory(influx.Failure)),
        ScheduleException schedule => ScheduleError(schedule.Kind),
        OperationCanceledException => (ErrorIds.OperationStopped, ErrorCategory.OperationStopped),
        _ => (ErrorIds.Unexpected, ErrorCategory.NotSpecified),
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
