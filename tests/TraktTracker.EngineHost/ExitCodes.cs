namespace TraktTracker.EngineHost;

/// <summary>What the host's exit status means; tests assert on it.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Another run held the state store's lock for longer than the lock timeout.</summary>
    public const int Locked = 3;
}
