namespace TraktTracker.Commands;

/// <summary>What a scheduled run starts.</summary>
public enum ScheduleRunner
{
    /// <summary>pwsh, importing this module and calling Invoke-TraktSync / Invoke-TraktReconcile.</summary>
    Module,

    /// <summary>The trakt-tracker command line (<c>--once incremental</c> / <c>--once reconcile</c>).</summary>
    Cli,
}
