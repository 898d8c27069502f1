using System.Diagnostics;
using TraktTracker.State;

namespace TraktTracker.Sync;

/// <summary>
/// Counts what one run did while it runs; becomes the <see cref="SyncSummary"/> at the end. It keeps nothing per
/// play unless the caller asked for the new plays (<see cref="RunOptions.ReturnNewPlays"/>), and then only their ids.
/// </summary>
internal sealed class RunTally(string operation, SyncContext context)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<long>? _newPlayIds = context.KeepNewPlays ? [] : null;

    public int Fetched { get; set; }
    public int Inserted { get; private set; }
    public int Duplicates { get; private set; }
    public int Deleted { get; private set; }
    public int ParseErrors { get; set; }
    public int RewatchFlagsChanged { get; private set; }
    public int DaysProjected { get; set; }
    public int DaysPending { get; set; }
    public int RangesDiffed { get; set; }
    public bool RanFullReconcile { get; set; }

    /// <summary>Plays added or deleted so far.</summary>
    public int Changed => Inserted + Deleted;

    public void Add(ChangeResult result)
    {
        _newPlayIds?.AddRange(result.Inserted.Select(p => p.HistoryId));
        Inserted += result.Inserted.Count;
        Duplicates += result.Duplicates;
        Deleted += result.Deleted.Count;
        RewatchFlagsChanged += result.RewatchFlagsChanged;
    }

    /// <summary>
    /// The summary; API calls count every request since the run began, the token seeding and refreshes included.
    /// With <see cref="RunOptions.ReturnNewPlays"/>, the new plays are read back from the store when enumerated,
    /// with the rewatch flags the run left them with (a later page can flip a flag of a play stored earlier).
    /// </summary>
    public SyncOutcome Finish(string? skipReason = null) => new(
        new SyncSummary
        {
            Operation = operation,
            Skipped = skipReason is not null,
            SkipReason = skipReason,
            Fetched = Fetched,
            Inserted = Inserted,
            Duplicates = Duplicates,
            Deleted = Deleted,
            ParseErrors = ParseErrors,
            RewatchFlagsChanged = RewatchFlagsChanged,
            DaysProjected = DaysProjected,
            DaysPending = DaysPending,
            ApiCalls = context.Client.ApiCalls - context.ApiCallsAtStart,
            RangesDiffed = RangesDiffed,
            RanFullReconcile = RanFullReconcile,
            Duration = _clock.Elapsed,
        },
        _newPlayIds is null ? [] : context.Store.GetPlays(_newPlayIds),
        _newPlayIds ?? []);
}
