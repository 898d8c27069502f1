namespace TraktTracker.State;

/// <summary>
/// The InfluxDB outbox: a day stays dirty until the projection has written it, so an InfluxDB outage loses
/// nothing. Day keys come from the caller's dayKeyOf (a local date, or a sentinel for unknown-date plays).
/// </summary>
public sealed partial class StateStore
{
    public IReadOnlyList<string> GetDirtyDays() => ReadDays("SELECT day FROM dirty_days ORDER BY day");

    public void MarkDaysDirty(IEnumerable<string> days) => WriteDays("INSERT OR IGNORE INTO dirty_days (day) VALUES ($day)", days);

    /// <summary>Call after InfluxDB accepted the days' points.</summary>
    public void ClearDirtyDays(IEnumerable<string> days) => WriteDays("DELETE FROM dirty_days WHERE day = $day", days);

    /// <summary>
    /// Marks every day that has plays, and every day ever projected, dirty: a full re-projection (a new
    /// InfluxDB, a TIMEZONE change). Projected days without plays are included so their stale points get rewritten.
    /// </summary>
    public void MarkAllDaysDirty(Func<DateTimeOffset, string?> dayKeyOf)
    {
        ArgumentNullException.ThrowIfNull(dayKeyOf);
        Write(tx =>
        {
            var days = new HashSet<string>(StringComparer.Ordinal);
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = "SELECT DISTINCT watched_at FROM plays";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (dayKeyOf(Instants.FromTicks(reader.GetInt64(0))) is { } day)
                    {
                        days.Add(day);
                    }
                }
            }

            foreach (var day in days)
            {
                _commands.MarkDirty.Execute(tx, day);
            }

            using var projected = _connection.CreateCommand();
            projected.Transaction = tx;
            projected.CommandText = "INSERT OR IGNORE INTO dirty_days (day) SELECT day FROM projected_days";
            projected.ExecuteNonQuery();
        });
    }

    /// <summary>Whether the day was ever written to InfluxDB, so its old points must be deleted before a rewrite.</summary>
    public bool IsDayProjected(string day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM projected_days WHERE day = $day)";
            command.Parameters.AddWithValue("$day", day);
            return Convert.ToInt64(command.ExecuteScalar()) != 0;
        });
    }

    public IReadOnlyList<string> GetProjectedDays() => ReadDays("SELECT day FROM projected_days ORDER BY day");

    public void MarkDaysProjected(IEnumerable<string> days) => WriteDays("INSERT OR IGNORE INTO projected_days (day) VALUES ($day)", days);

    private IReadOnlyList<string> ReadDays(string sql) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var days = new List<string>();
        while (reader.Read())
        {
            days.Add(reader.GetString(0));
        }

        return days;
    });

    private void WriteDays(string sql, IEnumerable<string> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        Write(tx =>
        {
            using var statement = new Statement(_connection, sql, "$day");
            foreach (var day in days)
            {
                statement.Execute(tx, day);
            }
        });
    }
}
