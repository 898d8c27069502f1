using TraktTracker.State;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.State;

public sealed class TokensMetaResetTests : IDisposable
{
    private static readonly StoredTokens Tokens = new("access-1", "refresh-1", new DateTimeOffset(2026, 4, 5, 6, 7, 8, TimeSpan.Zero), "public");

    private readonly TempStateFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Tokens_survive_a_reopen_and_a_save_replaces_them()
    {
        using (var store = _temp.Open())
        {
            Assert.Null(store.LoadTokens());
            store.SaveTokens(Tokens);
        }

        using (var store = _temp.Open())
        {
            Assert.Equal(Tokens, store.LoadTokens());
            var rotated = new StoredTokens("access-2", "refresh-2", Tokens.ExpiresAt.AddDays(7), null);
            store.SaveTokens(rotated);
            Assert.Equal(rotated, store.LoadTokens());
        }
    }

    [Fact]
    public void ForgetTokens_removes_the_pair_and_says_whether_there_was_one()
    {
        using var store = _temp.Open();
        store.SaveTokens(Tokens);

        Assert.True(store.ForgetTokens());
        Assert.Null(store.LoadTokens());
        Assert.False(store.ForgetTokens());
    }

    [Fact]
    public void A_sent_refresh_stays_marked_with_its_first_time_until_a_new_pair_is_saved()
    {
        var first = new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
        using (var store = _temp.Open())
        {
            store.SaveTokens(Tokens);
            store.MarkRefreshSent(first);
            store.MarkRefreshSent(first.AddDays(1));
        }

        using (var store = _temp.Open())
        {
            Assert.Equal(Tokens with { RefreshSentAt = first }, store.LoadTokens());
            store.SaveTokens(Tokens with { RefreshToken = "refresh-2" });
            Assert.Null(store.LoadTokens()!.RefreshSentAt);
        }
    }

    [Fact]
    public void Saved_tokens_are_committed_when_SaveTokens_returns()
    {
        using var store = _temp.Open();
        store.SaveTokens(Tokens);

        // Another connection (another process, in real life) sees the new refresh token at once.
        using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Path};Pooling=False");
        other.Open();
        using var command = other.CreateCommand();
        command.CommandText = "SELECT refresh_token FROM tokens";
        Assert.Equal("refresh-1", command.ExecuteScalar());
    }

    [Fact]
    public void Meta_values_are_set_replaced_and_removed()
    {
        using var store = _temp.Open();
        Assert.Null(store.GetMeta("timezone"));

        store.SetMeta("timezone", "Europe/Berlin");
        store.SetMeta("timezone", "America/New_York");
        Assert.Equal("America/New_York", store.GetMeta("timezone"));

        store.SetMeta("timezone", null);
        Assert.Null(store.GetMeta("timezone"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reset_wipes_everything_and_keeps_tokens_only_when_asked(bool keepAuth)
    {
        using var store = _temp.Open();
        store.SaveTokens(Tokens);
        store.ApplyChanges(
            new ChangeSet
            {
                Inserts = [Plays.Movie(1, 10, Plays.Base)],
                DeadLetters = [new DeadLetterInput("{}", "bad", "sync")],
                Meta = new Dictionary<string, string?> { ["cursor"] = "x" },
            },
            Plays.DayKey);
        store.MarkDaysProjected(["2026-03-29"]);

        store.Reset(keepAuth);

        Assert.Equal(0, store.CountPlays());
        Assert.Empty(store.GetDeadLetters());
        Assert.Null(store.GetMeta("cursor"));
        Assert.Empty(store.GetDirtyDays());
        Assert.False(store.IsDayProjected("2026-03-29"));
        Assert.Equal(keepAuth ? Tokens : null, store.LoadTokens());
    }
}
