using Microsoft.Data.Sqlite;

namespace TraktTracker.State;

/// <summary>A command prepared once and re-run with new parameter values (bulk pages reuse it thousands of times).</summary>
internal sealed class Statement : IDisposable
{
    private readonly SqliteCommand _command;

    internal Statement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            _command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    /// <summary>Sets the transaction and the parameter values, in the order the names were given.</summary>
    internal SqliteCommand Bind(SqliteTransaction? tx, params object?[] values)
    {
        _command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command;
    }

    internal int Execute(SqliteTransaction? tx, params object?[] values) => Bind(tx, values).ExecuteNonQuery();

    public void Dispose() => _command.Dispose();
}

/// <summary>The statements the write path runs per play or per day, prepared once per store.</summary>
internal sealed class StoreCommands : IDisposable
{
    private const string TouchedTable = "temp.touched_titles";

    internal StoreCommands(SqliteConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE IF NOT EXISTS {TouchedTable} (title_key TEXT PRIMARY KEY) WITHOUT ROWID";
            create.ExecuteNonQuery();
        }

        InsertPlay = new Statement(connection, PlayRows.InsertSql, PlayRows.InsertParameters);
        DeletePlay = new Statement(connection, $"DELETE FROM plays WHERE history_id = $id RETURNING {PlayRows.Columns}", "$id");
        TouchTitle = new Statement(connection, $"INSERT OR IGNORE INTO {TouchedTable} (title_key) VALUES ($key)", "$key");
        ClearTouched = new Statement(connection, $"DELETE FROM {TouchedTable}");
        RecomputeRewatch = new Statement(connection, RecomputeRewatchSql);
        AddDeadLetter = new Statement(
            connection,
            "INSERT INTO dead_letters (payload, error, source, at) VALUES ($payload, $error, $source, $at) " +
            "ON CONFLICT (payload) DO UPDATE SET error = excluded.error, source = excluded.source, at = excluded.at",
            "$payload", "$error", "$source", "$at");
        SetMeta = new Statement(
            connection,
            "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            "$key", "$value");
        DeleteMeta = new Statement(connection, "DELETE FROM meta WHERE key = $key", "$key");
        MarkDirty = new Statement(connection, "INSERT OR IGNORE INTO dirty_days (day) VALUES ($day)", "$day");
    }

    internal Statement InsertPlay { get; }

    /// <summary>Returns the deleted row (columns of <see cref="PlayRows.Columns"/>), or nothing.</summary>
    internal Statement DeletePlay { get; }

    internal Statement TouchTitle { get; }

    internal Statement ClearTouched { get; }

    /// <summary>Returns (history_id, watched_at, is_rewatch) of every play whose flag flipped.</summary>
    internal Statement RecomputeRewatch { get; }

    internal Statement AddDeadLetter { get; }

    internal Statement SetMeta { get; }

    internal Statement DeleteMeta { get; }

    internal Statement MarkDirty { get; }

    /// <summary>
    /// The rewatch rule (README) in one statement: per touched title, plays ordered by (watched_at, history_id); the first
    /// is a first watch, the rest rewatches. An epoch ("unknown date") play sorts first by its value alone.
    /// </summary>
    private const string RecomputeRewatchSql =
        $"""
        UPDATE plays SET is_rewatch = ranked.rewatch
        FROM (SELECT history_id,
                     ROW_NUMBER() OVER (PARTITION BY title_key ORDER BY watched_at, history_id) > 1 AS rewatch
              FROM plays
              WHERE title_key IN (SELECT title_key FROM {TouchedTable})) AS ranked
        WHERE plays.history_id = ranked.history_id AND plays.is_rewatch <> ranked.rewatch
        RETURNING plays.history_id, plays.watched_at, plays.is_rewatch
        """;

    public void Dispose()
    {
        foreach (var statement in new[]
                 {
                     InsertPlay, DeletePlay, TouchTitle, ClearTouched, RecomputeRewatch, AddDeadLetter, SetMeta,
                     DeleteMeta, MarkDirty,
                 })
        {
            statement.Dispose();
        }
    }
}
