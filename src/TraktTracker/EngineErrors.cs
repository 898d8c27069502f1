using System.Management.Automation;
using TraktTracker.Influx;
using TraktTracker.Scheduling;

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
            record.ErrorDetails = new ErrorDetails(EngineFailure.MessageChain(exception));
        }

        return record;
    }

    private static (string Id, ErrorCategory Category) Classify(Exception exception) => EngineFailure.Classify(exception) switch
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
