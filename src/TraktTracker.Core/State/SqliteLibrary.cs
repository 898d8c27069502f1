namespace TraktTracker.State;

/// <summary>The native SQLite library, loaded up front so that a host can report a missing one at start-up.</summary>
public static class SqliteLibrary
{
    /// <summary>Loads and registers e_sqlite3 (idempotent); throws when the native library cannot be loaded.</summary>
    public static void Initialize() => SQLitePCL.Batteries_V2.Init();
}
