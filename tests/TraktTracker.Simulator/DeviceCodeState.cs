namespace TraktTracker.Simulator;

/// <summary>Progress of one device code through its <see cref="DeviceFlowScript"/>.</summary>
internal sealed class DeviceCodeState(string deviceCode, DateTimeOffset issuedAt)
{
    private readonly object _gate = new();
    private int _pendingAnswered;
    private bool _slowedDown;
    private bool _approved;

    public string DeviceCode { get; } = deviceCode;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    /// <summary>The status this poll gets (200 means: issue tokens now).</summary>
    public int NextPollStatus(DeviceFlowScript script)
    {
        lock (_gate)
        {
            if (_approved) return 409;
            if (DateTimeOffset.UtcNow - IssuedAt > TimeSpan.FromSeconds(script.ExpiresIn)) return 410;
            if (script.SlowDownOnce && !_slowedDown)
            {
                _slowedDown = true;
                return 429;
            }
            if (_pendingAnswered < script.PendingPolls)
            {
                _pendingAnswered++;
                return 400;
            }
            if (script.Outcome is { } outcome) return outcome;
            _approved = true;
            return 200;
        }
    }
}
