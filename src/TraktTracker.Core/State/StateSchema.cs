using Microsoft.Data.Sqlite;

namespace TraktTracker.State;

/// <summary>
/// Versioned schema: <c>PRAGMA user_version</c> is the number of steps applied. Steps are only ever appended;
/// a shipped step is never edited, so every store converges to the same schema.
/// </summary>
internal static class StateSchema
{
    /// <summary>'TRKT': marks the file as ours, so a foreign SQLite file is refused instead of altered.</summary>
    internal const int ApplicationId = 0x54524B54;

    private static readonly string[] Steps =
    [
        // 1: initial schema. Instants are UTC ticks (exact ordering and ranges); ingested_at never changes.
        """
        CREATE TABLE plays (
            history_id      INTEGER PRIMARY KEY,
            watched_at      INTEGER NOT NULL,
            type            TEXT    NOT NULL CHECK (type IN ('movie', 'episode')),
            title           TEXT    NOT NULL,
            year            INTEGER,
            show_title      TEXT,
            season          INTEGER,
            episode         INTEGER,
            runtime_minutes INTEGER,
            is_rewatch      INTEGER NOT NULL DEFAULT 0,
            action          TEXT    NOT NULL,
            trakt_id        INTEGER NOT NULL,
            show_trakt_id   INTEGER,
            slug            TEXT,
            imdb_id         TEXT,
            tmdb_id         INTEGER,
            tvdb_id         INTEGER,
            title_key       TEXT    NOT NULL,
            ingested_at     INTEGER NOT NULL
        );
        CREATE INDEX plays_by_time ON plays (watched_at, history_id);
        CREATE INDEX plays_by_title ON plays (title_key, watched_at, history_id);
        CREATE TABLE tokens (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            access_token  TEXT    NOT NULL,
            refresh_token TEXT    NOT NULL,
            expires_at    INTEGER NOT NULL,
            scope         TEXT
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE dead_letters (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            payload TEXT    NOT NULL UNIQUE,
            error   TEXT    NOT NULL,
            source  TEXT    NOT NULL,
            at      INTEGER NOT NULL
        );
        CREATE TABLE dirty_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE projected_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
        """,
        // 2: when a refresh with the stored refresh token was sent and its answer not stored (NULL: none).
        "ALTER TABLE tokens ADD COLUMN refresh_sent_at INTEGER;",
    ];

    internal static int LatestVersion => Steps.Length;

    /// <summary>Applies the missing steps, each in its own transaction together with its version bump.</summary>
    internal static void Migrate(SqliteConnection connection, string path)
    {
        var version = CheckOwnership(connection, path);
        while (version < Steps.Length)
        {
            using var tx = connection.BeginTransaction();
            // Re-read under the write lock: another process may have migrated meanwhile.
            version = ReadVersion(connection, tx);
            if (version < Steps.Length)
            {
                Execute(connection, tx, Steps[version]);
                Execute(connection, tx, $"PRAGMA user_version = {version + 1}; PRAGMA application_id = {ApplicationId};");
                version++;
            }

            tx.Commit();
        }
    }

    private static int CheckOwnership(SqliteConnection connection, string path)
    {
        var version = ReadVersion(connection, null);
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id"));
        var tableCount = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"));
        if (applicationId != ApplicationId && (applicationId != 0 || version != 0 || tableCount != 0))
        {
            throw new StateCorruptException(
                $"The state file '{path}' is a SQLite database, but not a TraktTracker state store. " +
                "Point STATE_DB_PATH at another file, or move this one away; it was left untouched.");
        }

        if (version > Steps.Length)
        {
            throw new StateStoreException(
                $"The state file '{path}' has schema version {version}, newer than this TraktTracker understands " +
                $"({Steps.Length}). Update TraktTracker, or point STATE_DB_PATH at another file.");
        }

        return version;
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? tx)
        => Convert.ToInt32(Scalar(connection, "PRAGMA user_version", tx));

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
