using System.Runtime.InteropServices;

namespace TraktTracker.Cli;

/// <summary>
/// SIGTERM (docker stop, systemd) and SIGINT (Ctrl+C) cancel <see cref="Token"/> instead of killing the process,
/// so the current job stops at a safe point and the process exits on its own. A second signal ends the process
/// at once, for when the first one is not enough.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that asked to stop; null while none did.</summary>
    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Received is not null)
        {
            return; // the default action: terminate now
        }

        Received = context.Signal;
        context.Cancel = true;
        _stop.Cancel();
    }
}
