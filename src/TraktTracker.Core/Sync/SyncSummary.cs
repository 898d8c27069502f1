namespace TraktTracker.Sync;

/// <summary>What a backfill, sync or reconcile did: the summary object the cmdlets and the CLI emit.</summary>
public sealed record SyncSummary
{
    /// <summary><c>Backfill</c>, <c>Sync</c> or <c>Reconcile</c>.</summary>
    public string Operation { get; init; } = "";

    /// <summary>True when nothing had to be done (backfill already done; last-activities unchanged).</summary>
    public bool Skipped { get; init; }

    public string? SkipReason { get; init; }

    public int Fetched { get; init; }

    public int Inserted { get; init; }

    public int Duplicates { get; init; }

    public int Deleted { get; init; }

    public int ParseErrors { get; init; }

    public int RewatchFlagsChanged { get; init; }

    /// <summary>Local days whose raw points and aggregates were (re)written to InfluxDB.</summary>
    public int DaysProjected { get; init; }

    /// <summary>Local days still waiting for InfluxDB (disabled, -NoInflux, or it failed).</summary>
    public int DaysPending { get; init; }

    public int ApiCalls { get; init; }

    /// <summary>
    /// Ranges below the re-read window whose play count differed from Trakt's, so the sync read and diffed them
    /// (README "What a sync repairs").
    /// </summary>
    public int RangesDiffed { get; init; }

    /// <summary>
    /// True when a sync diffed the whole history: Trakt's activities had moved since the last level run and
    /// neither the window nor any play count showed why (README "What a sync repairs").
    /// </summary>
    public bool RanFullReconcile { get; init; }

    public TimeSpan Duration { get; init; }
}

/// <summary>A summary plus the plays the run stored for the first time (for -PassThru).</summary>
/// <param name="NewPlays">
/// Empty unless <see cref="RunOptions.ReturnNewPlays"/>; then read from the state store a chunk at a time while
/// enumerated, so enumerate it before the runtime is disposed.
/// </param>
public sealed record SyncOutcome(SyncSummary Summary, IEnumerable<WatchEvent> NewPlays)
{
    internal SyncOutcome(SyncSummary summary, IEnumerable<WatchEvent> newPlays, IReadOnlyList<long> newPlayIds)
        : this(summary, newPlays)
    {
        NewPlayIds = newPlayIds;
    }

    /// <summary>What a run that folds this one in (a sync escalating to a reconcile) adds to its own new plays.</summary>
    internal IReadOnlyList<long> NewPlayIds { get; } = [];
}
