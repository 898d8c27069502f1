using TraktTracker.State;
using Xunit;

namespace TraktTracker.Tests.State;

public sealed class QueryTests : IDisposable
{
    private readonly TempStateFolder _temp = new();
    private readonly StateStore _store;

    public QueryTests()
    {
        _store = _temp.Open();
        _store.Insert(
            Plays.Movie(1, 10, Plays.Base),
            Plays.Episode(2, 20, Plays.Base),
            Plays.Episode(3, 21, Plays.Base.AddHours(1)),
            Plays.Movie(4, 11, Plays.Base.AddHours(2)),
            Plays.Movie(5, 12, DateTimeOffset.UnixEpoch));
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Plays_come_newest_first_then_by_history_id_descending()
    {
        Assert.Equal([4L, 3, 2, 1, 5], Ids(new HistoryFilter()));
    }

    [Fact]
    public void Type_filter_keeps_one_kind()
    {
        Assert.Equal([4L, 1, 5], Ids(new HistoryFilter { Type = MediaType.Movie }));
        Assert.Equal([3L, 2], Ids(new HistoryFilter { Type = MediaType.Episode }));
    }

    [Fact]
    public void After_and_before_are_exclusive()
    {
        Assert.Equal([4L, 3], Ids(new HistoryFilter { After = Plays.Base }));
        Assert.Equal([2L, 1, 5], Ids(new HistoryFilter { Before = Plays.Base.AddHours(1) }));
        Assert.Equal([3L], Ids(new HistoryFilter { After = Plays.Base, Before = Plays.Base.AddHours(2), Type = MediaType.Episode }));
        // The same instant in another offset is the same instant.
        Assert.Equal([4L], Ids(new HistoryFilter { After = Plays.Base.AddHours(1).ToOffset(TimeSpan.FromHours(-7)) }));
    }

    [Fact]
    public void Query_streams_from_its_own_connection_while_the_store_keeps_writing()
    {
        using var plays = _store.QueryPlays(new HistoryFilter()).GetEnumerator();
        Assert.True(plays.MoveNext());

        _store.Insert(Plays.Movie(6, 13, Plays.Base.AddDays(1))); // would deadlock or fail on a shared connection
        var rest = new List<long>();
        while (plays.MoveNext())
        {
            rest.Add(plays.Current.HistoryId);
        }

        Assert.Equal([3L, 2, 1, 5], rest); // the reader keeps its snapshot
        Assert.Equal(6, _store.CountPlays());
    }

    [Fact]
    public void GetPlaysInRange_is_half_open_and_ascending()
    {
        var plays = _store.GetPlaysInRange(Plays.Base, Plays.Base.AddHours(2));

        Assert.Equal([1L, 2, 3], plays.Select(p => p.HistoryId));
        Assert.Equal([5L], _store.GetPlaysInRange(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddTicks(1)).Select(p => p.HistoryId));
    }

    [Fact]
    public void GetIdsInRange_is_inclusive_and_unbounded_on_null()
    {
        Assert.Equal([1L, 2, 3, 4], _store.GetIdsInRange(Plays.Base, Plays.Base.AddHours(2)).Order());
        Assert.Equal([3L, 4], _store.GetIdsInRange(Plays.Base.AddHours(1), null).Order());
        Assert.Equal([1L, 2, 5], _store.GetIdsInRange(null, Plays.Base).Order());
        Assert.Equal(5, _store.GetIdsInRange(null, null).Count);
        Assert.Equal(5, _store.CountPlays());
    }

    [Fact]
    public void Ingested_at_is_set_when_first_stored()
    {
        var before = DateTimeOffset.UtcNow;
        _store.Insert(Plays.Movie(7, 14, Plays.Base.AddDays(2)));

        var stored = _store.GetStoredPlaysInRange(Plays.Base.AddDays(2), Plays.Base.AddDays(3)).Single();

        Assert.InRange(stored.IngestedAt, before, DateTimeOffset.UtcNow);
    }

    private long[] Ids(HistoryFilter filter) => _store.QueryPlays(filter).Select(p => p.HistoryId).ToArray();
}
