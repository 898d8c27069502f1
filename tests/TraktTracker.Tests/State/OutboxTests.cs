using TraktTracker.State;
using Xunit;

namespace TraktTracker.Tests.State;

public sealed class OutboxTests : IDisposable
{
    private readonly TempStateFolder _temp = new();
    private readonly StateStore _store;

    public OutboxTests() => _store = _temp.Open();

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Inserted_and_deleted_plays_mark_their_days_dirty_until_cleared()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base), Plays.Movie(2, 11, Plays.Base.AddDays(1)));
        Assert.Equal(["2026-03-29", "2026-03-30"], _store.GetDirtyDays());

        _store.ClearDirtyDays(["2026-03-29", "2026-03-30"]);
        var result = _store.Delete(2);

        Assert.Equal(["2026-03-30"], result.DirtyDays);
        Assert.Equal(["2026-03-30"], _store.GetDirtyDays());
    }

    [Fact]
    public void Duplicates_mark_nothing_and_a_null_day_key_is_skipped()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base));
        _store.ClearDirtyDays(_store.GetDirtyDays());

        var duplicate = _store.Insert(Plays.Movie(1, 10, Plays.Base));
        var dayless = _store.ApplyChanges(new ChangeSet { Inserts = [Plays.Movie(2, 11, Plays.Base)] }, _ => null);

        Assert.Empty(duplicate.DirtyDays);
        Assert.Empty(dayless.DirtyDays);
        Assert.Empty(_store.GetDirtyDays());
    }

    [Fact]
    public void Days_can_be_marked_dirty_by_hand_and_cleared_selectively()
    {
        _store.MarkDaysDirty(["2026-01-01", "2026-01-02", "2026-01-01"]);
        _store.ClearDirtyDays(["2026-01-01", "2026-12-31"]);

        Assert.Equal(["2026-01-02"], _store.GetDirtyDays());
    }

    [Fact]
    public void MarkAllDaysDirty_covers_every_day_with_plays_and_every_day_ever_projected()
    {
        _store.Insert(Plays.Movie(1, 10, Plays.Base), Plays.Movie(2, 11, DateTimeOffset.UnixEpoch));
        _store.MarkDaysProjected(["2025-12-24"]); // its plays were deleted since: it needs zeros written
        _store.ClearDirtyDays(_store.GetDirtyDays());

        _store.MarkAllDaysDirty(Plays.DayKey);

        Assert.Equal(["2025-12-24", "2026-03-29", "unknown"], _store.GetDirtyDays());
    }

    [Fact]
    public void Projected_days_are_remembered()
    {
        Assert.False(_store.IsDayProjected("2026-03-29"));

        _store.MarkDaysProjected(["2026-03-29"]);

        Assert.True(_store.IsDayProjected("2026-03-29"));
        Assert.False(_store.IsDayProjected("2026-03-30"));
        Assert.Equal(["2026-03-29"], _store.GetProjectedDays());
    }
}
