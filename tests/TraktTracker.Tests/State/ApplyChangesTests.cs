using TraktTracker.State;
using Xunit;

namespace TraktTracker.Tests.State;

public sealed class ApplyChangesTests : IDisposable
{
    private readonly TempStateFolder _temp = new();
    private readonly StateStore _store;

    public ApplyChangesTests() => _store = _temp.Open();

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Inserts_new_ids_and_counts_duplicates_without_overwriting_them()
    {
        var original = Plays.Movie(1, 10, Plays.Base);
        _store.Insert(original, Plays.Movie(2, 11, Plays.Base.AddHours(1)));
        var ingestedBefore = _store.GetStoredPlaysInRange(Plays.Base, Plays.Base.AddSeconds(1)).Single().IngestedAt;

        var changed = original with { Title = "Changed upstream", RuntimeMinutes = 1 };
        var result = _store.Insert(changed, Plays.Movie(3, 12, Plays.Base.AddHours(2)), Plays.Movie(3, 12, Plays.Base.AddHours(2)));

        Assert.Equal(2, result.Duplicates); // id 1 already stored, id 3 twice in the same page
        Assert.Equal([3L], result.Inserted.Select(p => p.HistoryId));
        Assert.Equal(3, _store.CountPlays());
        var stored = _store.GetStoredPlaysInRange(Plays.Base, Plays.Base.AddSeconds(1)).Single();
        Assert.Equal(original, stored.Play);
        Assert.Equal(ingestedBefore, stored.IngestedAt);
    }

    [Fact]
    public void Every_field_round_trips()
    {
        var episode = Plays.Episode(9_000_000_000_123, 73_482, new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)), 5, 16);
        var movie = Plays.Movie(9_000_000_000_124, 1, Plays.Base) with { Year = null, ImdbId = null, TmdbId = null, Slug = null };
        _store.Insert(episode, movie);

        var stored = _store.QueryPlays(new HistoryFilter()).OrderBy(p => p.HistoryId).ToList();

        Assert.Equal(episode with { WatchedAt = episode.WatchedAt.ToUniversalTime() }, stored[0]);
        Assert.Equal(TimeSpan.Zero, stored[0].WatchedAt.Offset);
        Assert.Equal(movie, stored[1]);
    }

    [Fact]
    public void Deletes_return_the_removed_plays_and_ignore_unknown_ids()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base), Plays.Movie(2, 11, Plays.Base));

        var result = _store.Delete(2, 404);

        Assert.Equal([2L], result.Deleted.Select(p => p.HistoryId));
        Assert.Equal("Movie 11", result.Deleted[0].Title);
        Assert.Equal([1L], _store.GetIdsInRange(null, null));
    }

    [Fact]
    public void Dead_letters_and_meta_are_committed_with_the_plays()
    {
        var result = _store.ApplyChanges(
            new ChangeSet
            {
                Inserts = [Plays.Movie(1, 10, Plays.Base)],
                DeadLetters = [new DeadLetterInput("{\"id\":\"oops\"}", "id is not a number", "backfill")],
                Meta = new Dictionary<string, string?> { ["cursor"] = "2026-03-29T20:15:00Z", ["gone"] = null },
            },
            Plays.DayKey);

        Assert.Single(result.Inserted);
        Assert.Equal("2026-03-29T20:15:00Z", _store.GetMeta("cursor"));
        var letter = Assert.Single(_store.GetDeadLetters());
        Assert.Equal(("{\"id\":\"oops\"}", "id is not a number", "backfill"), (letter.Payload, letter.Error, letter.Source));
        Assert.True(DateTimeOffset.UtcNow - letter.At < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void The_same_bad_payload_seen_again_is_kept_once_with_its_latest_error()
    {
        _store.ApplyChanges(new ChangeSet { DeadLetters = [new DeadLetterInput("{}", "first", "backfill")] }, Plays.DayKey);
        _store.ApplyChanges(new ChangeSet { DeadLetters = [new DeadLetterInput("{}", "second", "sync")] }, Plays.DayKey);

        var letter = Assert.Single(_store.GetDeadLetters());
        Assert.Equal(("second", "sync"), (letter.Error, letter.Source));
    }

    [Fact]
    public void A_failure_midway_leaves_nothing_of_the_change_behind()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base));
        _store.SetMeta("cursor", "before");

        var changes = new ChangeSet
        {
            Inserts = [Plays.Movie(2, 10, Plays.Base.AddDays(1)), Plays.Movie(3, 12, Plays.Base)],
            DeleteIds = [1],
            DeadLetters = [new DeadLetterInput("{}", "bad", "sync")],
            Meta = new Dictionary<string, string?> { ["cursor"] = "after" },
        };
        // dayKeyOf runs last, after every statement of the change has executed inside the transaction.
        Assert.Throws<InvalidOperationException>(() => _store.ApplyChanges(changes, _ => throw new InvalidOperationException("crash")));

        Assert.Equal([1L], _store.GetIdsInRange(null, null));
        Assert.Equal("before", _store.GetMeta("cursor"));
        Assert.Empty(_store.GetDeadLetters());
        Assert.Equal(["2026-03-29"], _store.GetDirtyDays());
        Assert.False(_store.Flags()[1]);

        var retried = _store.ApplyChanges(changes, Plays.DayKey); // the store is usable afterwards
        Assert.Equal(2, retried.Inserted.Count);
    }
}
