namespace TraktTracker.Scheduling;

/// <summary>
/// A schedule could not be planned, installed, read or removed. The message names the problem and the fix;
/// <see cref="Kind"/> lets hosts pick an error category.
/// </summary>
public sealed class ScheduleException : Exception
{
    public ScheduleException(ScheduleErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public ScheduleErrorKind Kind { get; }
}

/// <summary>Why a schedule operation failed.</summary>
public enum ScheduleErrorKind
{
    /// <summary>A cron expression or time zone is invalid, or the backend cannot express it.</summary>
    InvalidSchedule,

    /// <summary>The backend does not exist on this machine (wrong OS, tool missing).</summary>
    BackendUnavailable,

    /// <summary>The OS scheduler refused the change (crontab, systemctl, launchctl or schtasks failed).</summary>
    BackendFailed,
}
