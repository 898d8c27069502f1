using TraktTracker.Trakt;

namespace TraktTracker.State;

public sealed partial class StateStore
{
    public StoredTokens? LoadTokens() => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT access_token, refresh_token, expires_at, scope, refresh_sent_at FROM tokens WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredTokens(
                reader.GetString(0),
                reader.GetString(1),
                Instants.FromTicks(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : Instants.FromTicks(reader.GetInt64(4)))
            : null;
    });

    /// <summary>Replaces the stored pair. Returns only after the commit is on disk, power loss included:
    /// a rotated refresh token is single-use, so it must never be lost.</summary>
    public void SaveTokens(StoredTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        WriteDurably(tx =>
        {
            using var command = _connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText =
                "INSERT INTO tokens (id, access_token, refresh_token, expires_at, scope, refresh_sent_at) " +
                "VALUES (1, $access, $refresh, $expires, $scope, $sent) ON CONFLICT (id) DO UPDATE SET " +
                "access_token = excluded.access_token, refresh_token = excluded.refresh_token, " +
                "expires_at = excluded.expires_at, scope = excluded.scope, refresh_sent_at = excluded.refresh_sent_at";
            command.Parameters.AddWithValue("$access", tokens.AccessToken);
            command.Parameters.AddWithValue("$refresh", tokens.RefreshToken);
            command.Parameters.AddWithValue("$expires", Instants.ToTicks(tokens.ExpiresAt));
            command.Parameters.AddWithValue("$scope", (object?)tokens.Scope ?? DBNull.Value);
            command.Parameters.AddWithValue("$sent", tokens.RefreshSentAt is { } sent ? Instants.ToTicks(sent) : DBNull.Value);
            command.ExecuteNonQuery();
        });
    }

    /// <summary>Removes the stored pair (disconnecting); true when there was one.</summary>
    public bool ForgetTokens()
    {
        var removed = 0;
        WriteDurably(tx =>
        {
            using var command = _connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "DELETE FROM tokens";
            removed = command.ExecuteNonQuery();
        });
        return removed > 0;
    }

    /// <summary>Committed before the refresh request leaves, so it survives the process being killed during the
    /// exchange (a crash-safe commit is enough: it only makes the next run's error precise).</summary>
    public void MarkRefreshSent(DateTimeOffset at) => Write(tx =>
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE tokens SET refresh_sent_at = coalesce(refresh_sent_at, $at) WHERE id = 1";
        command.Parameters.AddWithValue("$at", Instants.ToTicks(at));
        command.ExecuteNonQuery();
    });

    /// <summary>A small named value: cursor, last-activities baseline, backfill-done, timezone...</summary>
    public string? GetMeta(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        });
    }

    /// <summary>Sets a meta value; null removes the key.</summary>
    public void SetMeta(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Write(tx =>
        {
            if (value is null)
            {
                _commands.DeleteMeta.Execute(tx, key);
            }
            else
            {
                _commands.SetMeta.Execute(tx, key, value);
            }
        });
    }

    /// <summary>History items that could not be parsed, oldest first. The same payload is kept once (its latest error).</summary>
    public IReadOnlyList<DeadLetter> GetDeadLetters() => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, payload, error, at, source FROM dead_letters ORDER BY id";
        using var reader = command.ExecuteReader();
        var letters = new List<DeadLetter>();
        while (reader.Read())
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Instants.FromTicks(reader.GetInt64(3)), reader.GetString(4)));
        }

        return letters;
    });

    /// <summary>Wipes plays, dead letters, meta and the InfluxDB outbox, and the tokens unless <paramref name="keepAuth"/>.</summary>
    public void Reset(bool keepAuth) => Write(tx =>
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            "DELETE FROM plays; DELETE FROM dead_letters; DELETE FROM sqlite_sequence WHERE name = 'dead_letters'; " +
            "DELETE FROM meta; DELETE FROM dirty_days; DELETE FROM projected_days;" +
            (keepAuth ? "" : " DELETE FROM tokens;");
        command.ExecuteNonQuery();
    });
}
