using System.Runtime.InteropServices;

namespace TraktTracker.Cli;

/// <summary>trakt-tracker's exit codes, and which engine failure gives which.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run failed: Trakt, InfluxDB or the state store; the message says what to do.</summary>
    public const int Failed = 1;

    /// <summary>Bad flags or configuration: nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>A one-shot command was interrupted: 128 + the signal number, as shells report it.</summary>
    public static int Interrupted(PosixSignal signal) => signal == PosixSignal.SIGINT ? 130 : 143;

    public static int For(FailureKind kind, PosixSignal? stoppedBy) => kind switch
    {
        FailureKind.Configuration => Usage,
        FailureKind.Stopped when stoppedBy is { } signal => Interrupted(signal),
        _ => Failed,
    };
}
