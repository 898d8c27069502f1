using TraktTracker.State;
using Xunit;

namespace TraktTracker.Tests.State;

/// <summary>Per title, plays ordered by (watched_at, id); the first is a first watch.</summary>
public sealed class RewatchTests : IDisposable
{
    private readonly TempStateFolder _temp = new();
    private readonly StateStore _store;

    public RewatchTests() => _store = _temp.Open();

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Plays_in_the_same_second_are_ordered_by_history_id_even_within_one_batch()
    {
        // Same title three times in one page, listed newest-id first as Trakt pages do.
        var result = _store.Insert(
            Plays.Movie(30, 10, Plays.Base),
            Plays.Movie(20, 10, Plays.Base),
            Plays.Movie(25, 10, Plays.Base));

        Assert.Equal(new Dictionary<long, bool> { [20] = false, [25] = true, [30] = true }, _store.Flags());
        Assert.Equal(
            new Dictionary<long, bool> { [20] = false, [25] = true, [30] = true },
            result.Inserted.ToDictionary(p => p.HistoryId, p => p.IsRewatch));
        Assert.Equal(0, result.RewatchFlagsChanged);
    }

    [Fact]
    public void A_back_dated_insert_turns_the_later_play_into_a_rewatch()
    {
        _store.Insert(Plays.Movie(100, 10, Plays.Base.AddDays(30)));
        _store.ClearDirtyDays(_store.GetDirtyDays());

        var result = _store.Insert(Plays.Movie(200, 10, Plays.Base));

        Assert.False(Assert.Single(result.Inserted).IsRewatch);
        Assert.Equal(1, result.RewatchFlagsChanged);
        Assert.Equal(new Dictionary<long, bool> { [100] = true, [200] = false }, _store.Flags());
        Assert.Equal(["2026-03-29", "2026-04-28"], result.DirtyDays.Order());
    }

    [Fact]
    public void Deleting_the_first_watch_makes_the_next_play_a_first_watch_again()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base), Plays.Movie(2, 10, Plays.Base.AddDays(1)), Plays.Movie(3, 10, Plays.Base.AddDays(2)));

        var result = _store.Delete(1);

        Assert.False(Assert.Single(result.Deleted).IsRewatch);
        Assert.Equal(1, result.RewatchFlagsChanged);
        Assert.Equal(new Dictionary<long, bool> { [2] = false, [3] = true }, _store.Flags());
    }

    [Fact]
    public void An_unknown_date_play_counts_as_the_earliest()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base));

        var result = _store.Insert(Plays.Movie(999, 10, DateTimeOffset.UnixEpoch));

        Assert.False(Assert.Single(result.Inserted).IsRewatch);
        Assert.Equal(new Dictionary<long, bool> { [1] = true, [999] = false }, _store.Flags());
        Assert.Contains("unknown", result.DirtyDays);
    }

    [Fact]
    public void Titles_are_told_apart_by_trakt_id_and_episodes_without_one_by_show_season_and_number()
    {
        _store.Insert(
            Plays.Movie(1, 10, Plays.Base),
            Plays.Movie(2, 11, Plays.Base.AddDays(1)),
            Plays.Episode(3, 10, Plays.Base.AddDays(2)), // same trakt id as the movie, but an episode
            Plays.Episode(4, 0, Plays.Base.AddDays(3), season: 2, episode: 5),
            Plays.Episode(5, 0, Plays.Base.AddDays(4), season: 2, episode: 5),
            Plays.Episode(6, 0, Plays.Base.AddDays(5), season: 2, episode: 6));

        Assert.Equal(
            new Dictionary<long, bool> { [1] = false, [2] = false, [3] = false, [4] = false, [5] = true, [6] = false },
            _store.Flags());
    }

    [Fact]
    public void Flags_of_titles_not_touched_by_the_change_stay_as_they_are()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base), Plays.Movie(2, 10, Plays.Base.AddDays(1)));

        var result = _store.Insert(Plays.Movie(3, 11, Plays.Base.AddDays(2)));

        Assert.Equal(0, result.RewatchFlagsChanged);
        Assert.Equal(["2026-03-31"], result.DirtyDays);
        Assert.Equal(new Dictionary<long, bool> { [1] = false, [2] = true, [3] = false }, _store.Flags());
    }
}
