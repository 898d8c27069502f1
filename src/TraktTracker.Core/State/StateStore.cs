using Microsoft.Data.Sqlite;
using TraktTracker.Trakt;
using IOPath = System.IO.Path;

namespace TraktTracker.State;

/// <summary>
/// The local SQLite store: the source of truth of TraktTracker (plays, tokens, cursors, the InfluxDB outbox).
/// Thread-safe: calls are serialised on one connection; <see cref="QueryPlays"/> streams from its own.
/// </summary>
public sealed partial class StateStore : IDisposable, ITokenStore
{
    /// <summary>How long one statement waits for another connection's write lock before failing.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(15);

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly StoreCommands _commands;
    private readonly TimeSpan _busyTimeout;
    private bool _disposed;

    private StateStore(string path, SqliteConnection connection, TimeSpan busyTimeout)
    {
        Path = path;
        _connection = connection;
        _busyTimeout = busyTimeout;
        _commands = new StoreCommands(connection);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc cref="Open(string, TimeSpan)"/>
    public static StateStore Open(string path) => Open(path, DefaultBusyTimeout);

    /// <summary>
    /// Opens the store, creating its folder and file (owner-only on Unix) and bringing the schema up to date.
    /// A damaged or foreign file throws <see cref="StateCorruptException"/> and is never modified or deleted.
    /// </summary>
    public static StateStore Open(string path, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = StoreFiles.RealPath(path);
        CreateOwnerOnlyFile(fullPath);
        SqliteConnection? connection = null;
        var opened = false;
        try
        {
            connection = new SqliteConnection(ConnectionString(fullPath, busyTimeout));
            connection.Open();
            Configure(connection, fullPath, busyTimeout);
            StateSchema.Migrate(connection, fullPath);
            var store = new StateStore(fullPath, connection, busyTimeout);
            opened = true;
            return store;
        }
        catch (SqliteException ex)
        {
            throw SqliteFailures.Translate(ex, fullPath, busyTimeout);
        }
        catch (TypeInitializationException ex)
        {
            throw SqliteFailures.NativeLibraryMissing(ex);
        }
        finally
        {
            if (!opened)
            {
                connection?.Dispose();
            }
        }
    }

    /// <summary>
    /// Renames a damaged state file (and its -wal/-shm) to <c>&lt;path&gt;.broken-&lt;time&gt;</c> so a fresh
    /// store can be created; nothing is deleted. Returns the new name, or null when there was no file.
    /// </summary>
    public static string? MoveAside(string path)
    {
        var fullPath = StoreFiles.RealPath(path);
        if (!File.Exists(fullPath))
        {
            return null;
        }

        var target = $"{fullPath}.broken-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        File.Move(fullPath, target);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(fullPath + suffix))
            {
                File.Move(fullPath + suffix, target + suffix);
            }
        }

        return target;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _commands.Dispose();
            _connection.Dispose();
        }
    }

    private static string ConnectionString(string path, TimeSpan busyTimeout, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
        => new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            // No pool: a closed store must release the file (Reset, MoveAside, tests deleting temp files).
            Pooling = false,
            // Microsoft.Data.Sqlite retries busy statements itself up to this many seconds (0 would mean forever).
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();

    private static void Configure(SqliteConnection connection, string path, TimeSpan busyTimeout)
    {
        Execute(connection, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}");
        var mode = ExecuteScalar(connection, "PRAGMA journal_mode = WAL") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StateStoreException(
                $"The state file '{path}' cannot use SQLite's WAL mode (got '{mode}'). Keep it on a local disk, " +
                "not a network share, or point STATE_DB_PATH at a local file.");
        }

        // NORMAL in WAL mode: a commit survives a crash of the process; a power loss may lose the last pages,
        // which the next sync fetches again (their cursor rolls back with them). Tokens commit with FULL.
        Execute(connection, "PRAGMA synchronous = NORMAL");
        Execute(connection, "PRAGMA temp_store = MEMORY");
    }

    /// <summary>Creates the folder and an empty file with owner-only permissions before SQLite opens it;
    /// SQLite gives its -wal and -shm files the permissions of the database file.</summary>
    private static void CreateOwnerOnlyFile(string path)
    {
        try
        {
            OwnerOnly.CreateFolder(IOPath.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                using var created = new FileStream(path, OwnerOnly.Options(FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite));
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first, in the same way.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateStoreException(
                $"Cannot create the state file '{path}': {ex.Message} Check that this user may write there, " +
                "or point STATE_DB_PATH elsewhere.", ex);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Runs <paramref name="work"/> on the shared connection, translating SQLite failures.</summary>
    private T Guarded<T>(Func<T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return work();
            }
            catch (SqliteException ex)
            {
                throw SqliteFailures.Translate(ex, Path, _busyTimeout);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction: all of it commits, or none of it.</summary>
    private T Write<T>(Func<SqliteTransaction, T> work) => Guarded(() =>
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        var result = work(tx);
        tx.Commit();
        return result;
    });

    private void Write(Action<SqliteTransaction> work) => Write(tx =>
    {
        work(tx);
        return true;
    });

    /// <summary>As <see cref="Write(Action{SqliteTransaction})"/>, but the commit is on disk (fsync) before it returns,
    /// surviving a power loss too.</summary>
    private void WriteDurably(Action<SqliteTransaction> work) => Guarded(() =>
    {
        Execute(_connection, "PRAGMA synchronous = FULL");
        try
        {
            Write(work);
        }
        finally
        {
            Execute(_connection, "PRAGMA synchronous = NORMAL");
        }

        return true;
    });
}
