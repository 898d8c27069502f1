namespace TraktTracker.State;

/// <summary>One unit of work (a history page, a reconcile diff), applied in one transaction.</summary>
public sealed record ChangeSet
{
    /// <summary>Inserted unless the history id is already stored: a stored play is never overwritten.</summary>
    public IReadOnlyList<WatchEvent> Inserts { get; init; } = [];

    public IReadOnlyList<long> DeleteIds { get; init; } = [];

    public IReadOnlyList<DeadLetterInput> DeadLetters { get; init; } = [];

    /// <summary>Meta updates committed with the plays (e.g. the cursor); a null value removes the key.</summary>
    public IReadOnlyDictionary<string, string?> Meta { get; init; } = new Dictionary<string, string?>();
}

/// <summary>What <see cref="StateStore.ApplyChanges"/> did.</summary>
/// <param name="Inserted">Plays that were new, with their derived <see cref="WatchEvent.IsRewatch"/>.</param>
/// <param name="Duplicates">Inserts skipped because the history id was already stored.</param>
/// <param name="Deleted">Plays that existed and were removed, as they were stored.</param>
/// <param name="RewatchFlagsChanged">Plays stored before this change whose rewatch flag flipped.</param>
/// <param name="DirtyDays">Day keys marked for re-projection.</param>
public sealed record ChangeResult(
    IReadOnlyList<WatchEvent> Inserted,
    int Duplicates,
    IReadOnlyList<WatchEvent> Deleted,
    int RewatchFlagsChanged,
    IReadOnlyCollection<string> DirtyDays);

/// <summary>A history item that could not be parsed: kept with the error so nothing is silently lost.</summary>
/// <param name="Source">What produced it, e.g. <c>backfill</c>, <c>sync</c>, <c>reconcile</c>.</param>
public sealed record DeadLetterInput(string Payload, string Error, string Source);

public sealed record DeadLetter(long Id, string Payload, string Error, DateTimeOffset At, string Source);

/// <summary>A play with what only the store knows: when it was first stored (the Influx field <c>ingested_at</c>).</summary>
public sealed record StoredPlay(WatchEvent Play, DateTimeOffset IngestedAt);
