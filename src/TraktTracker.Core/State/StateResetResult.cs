namespace TraktTracker.State;

/// <summary>What a reset (Reset-TraktState, --reset-state) did to one state store.</summary>
public sealed record StateResetResult
{
    /// <summary>The state file that was reset.</summary>
    public string StateDbPath { get; init; } = "";

    /// <summary>Plays that were stored before the reset.</summary>
    public int PlaysRemoved { get; init; }

    /// <summary>True when the Trakt tokens were kept (-KeepAuth on a readable store).</summary>
    public bool KeptAuth { get; init; }

    /// <summary>Where a damaged state file was moved (it is never deleted); null when the file was readable.</summary>
    public string? MovedAsideTo { get; init; }
}
