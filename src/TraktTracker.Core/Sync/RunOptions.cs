namespace TraktTracker.Sync;

/// <summary>Switches shared by backfill, sync and reconcile.</summary>
public sealed record RunOptions
{
    /// <summary>Backfill again although one finished before.</summary>
    public bool Force { get; init; }

    /// <summary>Store only; what InfluxDB would have received stays pending for a later run.</summary>
    public bool NoInflux { get; init; }

    /// <summary>Reconcile the whole history instead of the rolling window.</summary>
    public bool Full { get; init; }

    /// <summary>
    /// Return the plays stored for the first time in <see cref="SyncOutcome.NewPlays"/> (-PassThru). Off, a run
    /// keeps nothing per play, so its memory does not grow with the history.
    /// </summary>
    public bool ReturnNewPlays { get; init; }
}
