using System.Management.Automation;
using Microsoft.Data.Sqlite;

namespace SqliteNeighbour;

/// <summary>Opens an in-memory SQLite database with this module's own Microsoft.Data.Sqlite and reports the versions.</summary>
[Cmdlet(VerbsCommon.Get, "NeighbourSqlite")]
public sealed class GetNeighbourSqliteCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var result = new PSObject();
        result.Properties.Add(new PSNoteProperty("SqliteVersion", command.ExecuteScalar()));
        result.Properties.Add(new PSNoteProperty("DataSqliteVersion", typeof(SqliteConnection).Assembly.GetName().Version?.ToString()));
        WriteObject(result);
    }
}
