using Microsoft.Data.Sqlite;

namespace TraktTracker.State;

/// <summary>Applies one <see cref="ChangeSet"/> inside the caller's transaction (see <see cref="StateStore.ApplyChanges"/>).</summary>
internal sealed class ChangeApplier(StoreCommands commands, SqliteTransaction tx, Func<DateTimeOffset, string?> dayKeyOf)
{
    private readonly HashSet<string> _dirtyDays = new(StringComparer.Ordinal);

    internal ChangeResult Apply(ChangeSet changes)
    {
        commands.ClearTouched.Execute(tx);
        var now = Instants.ToTicks(DateTimeOffset.UtcNow);
        var (inserted, duplicates) = Insert(changes.Inserts, now);
        var deleted = Delete(changes.DeleteIds);
        AddDeadLetters(changes.DeadLetters, now);
        WriteMeta(changes.Meta);

        var flipped = RecomputeRewatch();
        var insertedIds = inserted.Select(p => p.HistoryId).ToHashSet();
        var flippedBefore = flipped.Where(f => !insertedIds.Contains(f.Key)).ToList();
        inserted = inserted
            .Select(p => flipped.TryGetValue(p.HistoryId, out var f) ? p with { IsRewatch = f.IsRewatch } : p)
            .ToList();

        MarkDirty(inserted.Select(p => p.WatchedAt));
        MarkDirty(deleted.Select(p => p.WatchedAt));
        MarkDirty(flippedBefore.Select(f => f.Value.WatchedAt));
        return new ChangeResult(inserted, duplicates, deleted, flippedBefore.Count, _dirtyDays);
    }

    private (List<WatchEvent> Inserted, int Duplicates) Insert(IReadOnlyList<WatchEvent> plays, long now)
    {
        var inserted = new List<WatchEvent>(plays.Count);
        var duplicates = 0;
        foreach (var play in plays)
        {
            var command = commands.InsertPlay.Bind(tx);
            PlayRows.BindInsert(command, play, now);
            if (command.ExecuteNonQuery() == 0)
            {
                duplicates++;
                continue;
            }

            commands.TouchTitle.Execute(tx, play.TitleKey());
            inserted.Add(play with { WatchedAt = play.WatchedAt.ToUniversalTime(), IsRewatch = false });
        }

        return (inserted, duplicates);
    }

    private List<WatchEvent> Delete(IReadOnlyList<long> ids)
    {
        var deleted = new List<WatchEvent>();
        foreach (var id in ids)
        {
            using var reader = commands.DeletePlay.Bind(tx, id).ExecuteReader();
            if (reader.Read())
            {
                deleted.Add(PlayRows.Read(reader).Play);
            }
        }

        foreach (var play in deleted)
        {
            commands.TouchTitle.Execute(tx, play.TitleKey());
        }

        return deleted;
    }

    private void AddDeadLetters(IReadOnlyList<DeadLetterInput> letters, long now)
    {
        foreach (var letter in letters)
        {
            commands.AddDeadLetter.Execute(tx, letter.Payload, letter.Error, letter.Source, now);
        }
    }

    private void WriteMeta(IReadOnlyDictionary<string, string?> meta)
    {
        foreach (var (key, value) in meta)
        {
            if (value is null)
            {
                commands.DeleteMeta.Execute(tx, key);
            }
            else
            {
                commands.SetMeta.Execute(tx, key, value);
            }
        }
    }

    private Dictionary<long, (DateTimeOffset WatchedAt, bool IsRewatch)> RecomputeRewatch()
    {
        var flipped = new Dictionary<long, (DateTimeOffset, bool)>();
        using var reader = commands.RecomputeRewatch.Bind(tx).ExecuteReader();
        while (reader.Read())
        {
            flipped[reader.GetInt64(0)] = (Instants.FromTicks(reader.GetInt64(1)), reader.GetInt64(2) != 0);
        }

        return flipped;
    }

    private void MarkDirty(IEnumerable<DateTimeOffset> instants)
    {
        foreach (var instant in instants)
        {
            if (dayKeyOf(instant) is { } day && _dirtyDays.Add(day))
            {
                commands.MarkDirty.Execute(tx, day);
            }
        }
    }
}
