using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TraktTracker.State;

public sealed partial class StateStore
{
    /// <summary>
    /// Applies a unit of work in ONE transaction: inserts (new history ids only; duplicates are counted, never
    /// overwritten), deletes, dead letters and meta; then re-derives the rewatch flags of every title touched,
    /// and marks dirty the days (per <paramref name="dayKeyOf"/>; null = no day) of every inserted, deleted and
    /// flipped play. If anything throws, nothing of it is stored.
    /// </summary>
    public ChangeResult ApplyChanges(ChangeSet changes, Func<DateTimeOffset, string?> dayKeyOf)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(dayKeyOf);
        return Write(tx => new ChangeApplier(_commands, tx, dayKeyOf).Apply(changes));
    }

    /// <summary>Plays newest first (watched_at, then history id, descending), streamed from a reader on a
    /// connection of its own, so a long enumeration never blocks the store.</summary>
    public IEnumerable<WatchEvent> QueryPlays(HistoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StreamPlays(filter);
    }

    /// <summary>Plays in [from, to), oldest first: what the InfluxDB projection rewrites for a day.</summary>
    public IReadOnlyList<WatchEvent> GetPlaysInRange(DateTimeOffset fromInclusiveUtc, DateTimeOffset toExclusiveUtc)
        => GetStoredPlaysInRange(fromInclusiveUtc, toExclusiveUtc).Select(stored => stored.Play).ToList();

    /// <summary>As <see cref="GetPlaysInRange"/>, with each play's first-stored instant (the Influx <c>ingested_at</c>).</summary>
    public IReadOnlyList<StoredPlay> GetStoredPlaysInRange(DateTimeOffset fromInclusiveUtc, DateTimeOffset toExclusiveUtc)
        => Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                $"SELECT {PlayRows.Columns} FROM plays WHERE watched_at >= $from AND watched_at < $to " +
                "ORDER BY watched_at, history_id";
            command.Parameters.AddWithValue("$from", Instants.ToTicks(fromInclusiveUtc));
            command.Parameters.AddWithValue("$to", Instants.ToTicks(toExclusiveUtc));
            using var reader = command.ExecuteReader();
            var plays = new List<StoredPlay>();
            while (reader.Read())
            {
                plays.Add(PlayRows.Read(reader));
            }

            return plays;
        });

    /// <summary>
    /// History ids watched in [from, to] (null = unbounded): the local side of a reconcile diff; with
    /// <paramref name="rewatchesOnly"/>, only the plays currently flagged as rewatches.
    /// </summary>
    public HashSet<long> GetIdsInRange(DateTimeOffset? fromInclusiveUtc, DateTimeOffset? toInclusiveUtc, bool rewatchesOnly = false)
        => GetPlayTimesInRange(fromInclusiveUtc, toInclusiveUtc, rewatchesOnly).Keys.ToHashSet();

    /// <summary>History id → watched_at of the plays watched in [from, to] (null = unbounded).</summary>
    public Dictionary<long, DateTimeOffset> GetPlayTimesInRange(DateTimeOffset? fromInclusiveUtc, DateTimeOffset? toInclusiveUtc, bool rewatchesOnly = false)
        => InRange("history_id, watched_at", fromInclusiveUtc, toInclusiveUtc, rewatchesOnly ? " AND is_rewatch = 1" : "", command =>
        {
            using var reader = command.ExecuteReader();
            var plays = new Dictionary<long, DateTimeOffset>();
            while (reader.Read())
            {
                plays[reader.GetInt64(0)] = Instants.FromTicks(reader.GetInt64(1));
            }

            return plays;
        });

    /// <summary>How many plays were watched in [from, to] (null = unbounded).</summary>
    public int CountPlaysInRange(DateTimeOffset? fromInclusiveUtc, DateTimeOffset? toInclusiveUtc)
        => InRange("count(*)", fromInclusiveUtc, toInclusiveUtc, "", command => Convert.ToInt32(command.ExecuteScalar()));

    /// <summary>The watched_at of the play at <paramref name="rank"/> (0 = oldest) among those in [from, to], or null.</summary>
    public DateTimeOffset? GetWatchedAtAtRank(DateTimeOffset? fromInclusiveUtc, DateTimeOffset? toInclusiveUtc, int rank)
        => InRange("watched_at", fromInclusiveUtc, toInclusiveUtc, " ORDER BY watched_at, history_id LIMIT 1 OFFSET $rank", command =>
        {
            command.Parameters.AddWithValue("$rank", rank);
            return command.ExecuteScalar() is long ticks ? Instants.FromTicks(ticks) : (DateTimeOffset?)null;
        });

    /// <summary>How many plays are stored; with <paramref name="watchedUntil"/>, only those watched at or before it.</summary>
    public int CountPlays(DateTimeOffset? watchedUntil = null) => CountPlaysInRange(null, watchedUntil);

    /// <summary>Runs <c>SELECT columns FROM plays WHERE watched_at in [from, to]</c> + <paramref name="tail"/>.</summary>
    private T InRange<T>(string columns, DateTimeOffset? fromInclusiveUtc, DateTimeOffset? toInclusiveUtc, string tail, Func<SqliteCommand, T> run) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM plays WHERE watched_at >= $from AND watched_at <= $to{tail}";
        command.Parameters.AddWithValue("$from", fromInclusiveUtc is { } from ? Instants.ToTicks(from) : long.MinValue);
        command.Parameters.AddWithValue("$to", toInclusiveUtc is { } to ? Instants.ToTicks(to) : long.MaxValue);
        return run(command);
    });

    /// <summary>
    /// The stored plays with these ids, in the order given (ids no longer stored are skipped), read a chunk at a
    /// time when enumerated: a run's new plays with the rewatch flags the run left them with.
    /// </summary>
    public IEnumerable<WatchEvent> GetPlays(IReadOnlyList<long> historyIds)
    {
        ArgumentNullException.ThrowIfNull(historyIds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReadByIds(historyIds);
    }

    private IEnumerable<WatchEvent> ReadByIds(IReadOnlyList<long> historyIds)
    {
        const int ChunkSize = 500;
        for (var first = 0; first < historyIds.Count; first += ChunkSize)
        {
            var chunk = historyIds.Skip(first).Take(ChunkSize).ToList();
            var found = Guarded(() =>
            {
                using var command = _connection.CreateCommand();
                // Ids are integers, so they can stand in the SQL text as they are.
                command.CommandText = $"SELECT {PlayRows.Columns} FROM plays WHERE history_id IN ({string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
                using var reader = command.ExecuteReader();
                var plays = new Dictionary<long, WatchEvent>(chunk.Count);
                while (reader.Read())
                {
                    var play = PlayRows.Read(reader).Play;
                    plays[play.HistoryId] = play;
                }

                return plays;
            });
            foreach (var id in chunk)
            {
                if (found.TryGetValue(id, out var play))
                {
                    yield return play;
                }
            }
        }
    }

    private IEnumerable<WatchEvent> StreamPlays(HistoryFilter filter)
    {
        using var connection = new SqliteConnection(ConnectionString(Path, _busyTimeout, SqliteOpenMode.ReadOnly));
        using var command = BuildQuery(connection, filter);
        using var reader = Streamed(() =>
        {
            connection.Open();
            return command.ExecuteReader();
        });
        while (Streamed(reader.Read))
        {
            yield return PlayRows.Read(reader).Play;
        }
    }

    private static SqliteCommand BuildQuery(SqliteConnection connection, HistoryFilter filter)
    {
        var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (filter.Type is { } type)
        {
            conditions.Add("type = $type");
            command.Parameters.AddWithValue("$type", PlayRows.TypeName(type));
        }

        if (filter.After is { } after)
        {
            conditions.Add("watched_at > $after");
            command.Parameters.AddWithValue("$after", Instants.ToTicks(after));
        }

        if (filter.Before is { } before)
        {
            conditions.Add("watched_at < $before");
            command.Parameters.AddWithValue("$before", Instants.ToTicks(before));
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {PlayRows.Columns} FROM plays{where} ORDER BY watched_at DESC, history_id DESC";
        return command;
    }

    /// <summary>Failure translation for the streaming path, which cannot catch around a <c>yield</c>.</summary>
    private T Streamed<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException ex)
        {
            throw SqliteFailures.Translate(ex, Path, _busyTimeout);
        }
    }
}
