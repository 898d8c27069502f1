using Microsoft.Data.Sqlite;

namespace TraktTracker.State;

/// <summary>Turns SQLite's error codes into messages that name the state file and what to do.</summary>
internal static class SqliteFailures
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    internal static StateStoreException Translate(SqliteException ex, string path, TimeSpan busyTimeout) => ex.SqliteErrorCode switch
    {
        Busy or Locked => new StateLockedException(
            $"The state file '{path}' is locked by another TraktTracker run or another program (waited " +
            $"{busyTimeout.TotalSeconds:0.#} s). Wait for it to finish, or close the program holding the file " +
            "(e.g. a database browser), then try again.", ex),
        Corrupt or NotADatabase => CorruptFile(path, ex),
        ReadOnly or CantOpen => new StateStoreException(
            $"Cannot write the state file '{path}' ({ex.Message}). Check that its folder exists and is writable " +
            "by this user, or point STATE_DB_PATH elsewhere.", ex),
        Full => new StateStoreException(
            $"The disk holding the state file '{path}' is full ({ex.Message}). Free some space and run again; " +
            "nothing of this run was half-written.", ex),
        _ => new StateStoreException($"The state store '{path}' failed: {ex.Message}", ex),
    };

    internal static StateCorruptException CorruptFile(string path, Exception? inner) => new(
        $"The state file '{path}' is damaged or not a TraktTracker database ({inner?.Message}). It was left " +
        "untouched. Move it away (Reset-TraktState moves it aside for you), then run Connect-Trakt and a backfill " +
        "to rebuild the history from Trakt.", inner);

    /// <summary>Microsoft.Data.Sqlite loads e_sqlite3 in a static constructor: a missing native library surfaces
    /// as a TypeInitializationException whose innermost exception says what was not found.</summary>
    internal static StateStoreException NativeLibraryMissing(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return new StateStoreException(
            $"SQLite's native library could not be loaded ({innermost.Message}). Reinstall TraktTracker for this " +
            $"operating system and architecture ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}).", ex);
    }
}
