using System.Runtime.InteropServices;
using TraktTracker.Logging;

namespace TraktTracker.Cli;

/// <summary>The last log line of a failed run: what went wrong and what to do, in one line.</summary>
internal static class FailureReport
{
    public static void Write(LineLog log, Exception ex, FailureKind kind, PosixSignal? stoppedBy)
    {
        switch (kind)
        {
            case FailureKind.Stopped when stoppedBy is not null:
                log.Warning($"Stopped by {stoppedBy} before the command finished. What was stored so far is kept; the next run carries on from there.");
                break;
            case FailureKind.Unexpected:
                log.Write(LogLevel.Critical, $"Unexpected error ({ex.GetType().Name}): {EngineFailure.MessageChain(ex)}. Run with LOG_LEVEL=DEBUG for the stack trace and report it.");
                log.Verbose(ex.ToString());
                break;
            default:
                log.Write(LogLevel.Critical, EngineFailure.MessageChain(ex));
                break;
        }
    }
}
