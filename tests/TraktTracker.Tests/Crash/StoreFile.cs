using Microsoft.Data.Sqlite;

namespace TraktTracker.Tests.Crash;

/// <summary>Looks at a state file from outside the engine, read-only.</summary>
internal static class StoreFile
{
    /// <summary>SQLite's own verdict on the file: "ok" when every page, index and constraint is intact.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return string.Join("; ", Rows(command));
    }

    private static IEnumerable<string> Rows(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }
}
