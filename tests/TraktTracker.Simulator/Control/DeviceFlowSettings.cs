namespace TraktTracker.Simulator.Control;

/// <summary>A partial <see cref="DeviceFlowScript"/>: the properties a control call sets; null keeps the current value.</summary>
public sealed record DeviceFlowSettings(int? PendingPolls, int? Outcome, int? Interval, int? ExpiresIn, string? UserCode)
{
    public void ApplyTo(DeviceFlowScript script)
    {
        script.PendingPolls = PendingPolls ?? script.PendingPolls;
        script.Outcome = Outcome ?? script.Outcome;
        script.Interval = Interval ?? script.Interval;
        script.ExpiresIn = ExpiresIn ?? script.ExpiresIn;
        script.UserCode = UserCode ?? script.UserCode;
    }
}
