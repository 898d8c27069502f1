using System.Runtime.InteropServices;

namespace TraktTracker.Commands;

/// <summary>
/// pwsh ends at once on SIGTERM (systemctl stop, docker stop, shutdown), which can fall between Trakt replacing the
/// single-use refresh token and the new pair being stored. While an engine call runs, a first SIGTERM instead cancels
/// it like Ctrl+C, so it stops at its next safe point; the cmdlet then ends the process as pwsh would have
/// (<see cref="ExitCode"/>). A second SIGTERM ends it at once.
/// </summary>
internal sealed class TerminationDeferral : IDisposable
{
    /// <summary>What pwsh exits with on SIGTERM: 128 + 15.</summary>
    public const int ExitCode = 143;

    private readonly PosixSignalRegistration? _registration;
    private int _received;

    public TerminationDeferral(CancellationTokenSource stop)
    {
        // On Windows, PosixSignal.SIGTERM stands for a system shutdown, which cannot be held back this way.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (Interlocked.Exchange(ref _received, 1) == 0)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
    }

    /// <summary>True once SIGTERM asked the process to end.</summary>
    public bool Received => Volatile.Read(ref _received) == 1;

    public void Dispose() => _registration?.Dispose();
}
