using System.Diagnostics;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>Counts what one run did while it runs; becomes the <see cref="SyncSummary"/> at the end.</summary>
internal sealed class RunTally(string operation, TraktClient client)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _callsAtStart = client.ApiCalls;
    private readonly List<WatchEvent> _newPlays = [];

    public int Fetched { get; set; }
    public int Duplicates { get; private set; }
    public int Deleted { get; private set; }
    public int ParseErrors { get; set; }
    public int RewatchFlagsChanged { get; private set; }
    public int DaysProjected { get; set; }
    public int DaysPending { get; set; }
    public int RangesDiffed { get; set; }
    public bool RanFullReconcile { get; set; }

    public IReadOnlyList<WatchEvent> NewPlays => _newPlays;

    /// <summary>Plays added or deleted so far.</summary>
    public int Changed => _newPlays.Count + Deleted;

    public void Add(ChangeResult result)
    {
        _newPlays.AddRange(result.Inserted);
        Duplicates += result.Duplicates;
        Deleted += result.Deleted.Count;
        RewatchFlagsChanged += result.RewatchFlagsChanged;
    }

    public SyncOutcome Finish(string? skipReason = null) => new(
        new SyncSummary
        {
            Operation = operation,
            Skipped = skipReason is not null,
            SkipReason = skipReason,
            Fetched = Fetched,
            Inserted = _newPlays.Count,
            Duplicates = Duplicates,
            Deleted = Deleted,
            ParseErrors = ParseErrors,
            RewatchFlagsChanged = RewatchFlagsChanged,
            DaysProjected = DaysProjected,
            DaysPending = DaysPending,
            ApiCalls = client.ApiCalls - _callsAtStart,
            RangesDiffed = RangesDiffed,
            RanFullReconcile = RanFullReconcile,
            Duration = _clock.Elapsed,
        },
        _newPlays);
}
