namespace TraktTracker.Simulator;

/// <summary>
/// How <c>/oauth/device/token</c> answers. Read at each poll, so a test may change it
/// mid-flow. Per device code: an optional 429 first (<see cref="SlowDownOnce"/>), then
/// <see cref="PendingPolls"/> times 400 (pending, empty body), then <see cref="Outcome"/>: null approves
/// (200 with tokens; later polls of that code get 409), or 404/409/410/418 ends the flow with that status.
/// Unknown device codes get 404, codes older than <see cref="ExpiresIn"/> get 410.
/// </summary>
public sealed class DeviceFlowScript
{
    public int PendingPolls { get; set; } = 1;

    public int? Outcome { get; set; }

    public bool SlowDownOnce { get; set; }

    /// <summary>The <c>interval</c> clients are told to poll at, in seconds (tests use 0 or 1).</summary>
    public int Interval { get; set; } = 5;

    public int ExpiresIn { get; set; } = 600;

    public string UserCode { get; set; } = "5055CC52";

    public string VerificationUrl { get; set; } = "https://trakt.tv/activate";
}
