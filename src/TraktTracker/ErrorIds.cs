namespace TraktTracker.Commands;

/// <summary>
/// The stable error ids of the module's ErrorRecords. PowerShell appends ",&lt;cmdlet class&gt;" to form the
/// FullyQualifiedErrorId, so scripts can match e.g. <c>TraktConfigurationInvalid,*</c>.
/// </summary>
public static class ErrorIds
{
    public const string ConfigurationInvalid = "TraktConfigurationInvalid";
    public const string AuthenticationFailed = "TraktAuthenticationFailed";
    public const string ApiFailed = "TraktApiFailed";
    public const string StateLocked = "TraktStateLocked";
    public const string StateCorrupt = "TraktStateCorrupt";
    public const string StateUnavailable = "TraktStateUnavailable";
    public const string StateMissing = "TraktStateMissing";
    public const string InfluxFailed = "TraktInfluxFailed";
    public const string ScheduleInvalid = "TraktScheduleInvalid";
    public const string SchedulerUnavailable = "TraktSchedulerUnavailable";
    public const string SchedulerFailed = "TraktSchedulerFailed";
    public const string OperationStopped = "TraktOperationStopped";
    public const string Unexpected = "TraktUnexpectedError";
}
