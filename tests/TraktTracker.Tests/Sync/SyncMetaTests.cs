using TraktTracker.Sync;
using TraktTracker.Tests.State;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Sync;

/// <summary>The baseline a level run stores, and which last-activities answers match it.</summary>
public sealed class SyncMetaTests : IDisposable
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = ReadAt.AddHours(-3);

    private readonly TempStateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_activity_Trakt_did_not_report_is_kept_in_the_baseline_and_a_first_play_moves_it()
    {
        using var store = _folder.Open();
        var noEpisodes = new LastActivities(Earlier, Earlier, null, ReadAt);

        foreach (var (key, value) in SyncMeta.Baseline(noEpisodes, cursor: null, ReadAt))
        {
            store.SetMeta(key, value);
        }

        Assert.True(noEpisodes.SafeAsBaseline);
        Assert.True(SyncMeta.MatchesBaseline(store, noEpisodes with { ReadAt = ReadAt.AddHours(1) }));
        Assert.False(SyncMeta.MatchesBaseline(store, noEpisodes with { EpisodesWatchedAt = ReadAt.AddMinutes(30) }));
    }

    [Fact]
    public void Activities_from_the_second_of_the_read_are_no_baseline()
    {
        using var store = _folder.Open();
        var fresh = new LastActivities(ReadAt, Earlier, ReadAt, ReadAt.AddMilliseconds(400));

        foreach (var (key, value) in SyncMeta.Baseline(fresh, cursor: null, ReadAt))
        {
            store.SetMeta(key, value);
        }

        Assert.False(fresh.SafeAsBaseline);
        Assert.False(SyncMeta.MatchesBaseline(store, fresh));
    }
}
