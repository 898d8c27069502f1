using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class SeedRandomTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Newest = new(2026, 9, 20, 18, 0, 0, TimeSpan.Zero);
    private TraktSimulator _simulator = null!;
    private IReadOnlyList<SimPlay> _plays = [];

    public async Task InitializeAsync()
    {
        _simulator = await TraktSimulator.StartAsync();
        _simulator.History.SeedRandom(3_000, seed: 42, Newest);
        _plays = _simulator.History.Snapshot();
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Same_seed_gives_the_same_plays_and_ids_and_another_seed_does_not()
    {
        await using var same = await TraktSimulator.StartAsync();
        await using var other = await TraktSimulator.StartAsync();
        same.History.SeedRandom(3_000, seed: 42, Newest);
        other.History.SeedRandom(3_000, seed: 43, Newest);

        Assert.Equal(_plays, same.History.Snapshot());
        Assert.NotEqual(_plays, other.History.Snapshot());
    }

    [Fact]
    public void Mixes_movies_and_episodes_with_three_actions_and_64_bit_ids()
    {
        Assert.Equal(3_000, _plays.Count);
        Assert.InRange(_plays.Count(p => p.IsMovie), 600, 1200);
        Assert.Equal(["checkin", "scrobble", "watch"], _plays.Select(p => p.Action).Distinct().Order());
        Assert.All(_plays, p => Assert.True(p.Id > uint.MaxValue));
        Assert.Equal(_plays.Count, _plays.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Contains_rewatches_season_batches_and_unknown_dates_over_ten_years()
    {
        Assert.Contains(_plays.Where(p => p.IsMovie).GroupBy(p => p.TraktId), g => g.Count() >= 3);
        Assert.Contains(_plays.Where(p => !p.IsMovie).GroupBy(p => (p.Show!.Ids.Trakt, p.WatchedAt)), g => g.Count() >= 5);
        Assert.Contains(_plays, p => p.WatchedAt == TraktTime.UnknownDate);
        var dated = _plays.Where(p => p.WatchedAt != TraktTime.UnknownDate).ToList();
        Assert.Equal(Newest, dated.Max(p => p.WatchedAt));
        Assert.True(dated.Min(p => p.WatchedAt) < Newest.AddYears(-9));
    }

    [Fact]
    public void Ids_mostly_follow_time_but_some_plays_were_added_backdated()
    {
        var byId = _plays.Where(p => p.WatchedAt != TraktTime.UnknownDate).OrderBy(p => p.Id).ToList();
        var inversions = byId.Zip(byId.Skip(1)).Count(pair => pair.Second.WatchedAt < pair.First.WatchedAt);

        Assert.InRange(inversions, 1, byId.Count / 5);
    }

    [Fact]
    public void Titles_include_characters_that_break_naive_writers_but_no_newlines()
    {
        var titles = _plays.Select(p => p.Title).Concat(_plays.Select(p => p.Show?.Title)).OfType<string>().Distinct().ToList();

        foreach (var needle in new[] { "\"", ",", "\\", "=", "\t", "  ", "ü", "✓", "日本" })
            Assert.Contains(titles, t => t.Contains(needle));
        Assert.Contains(titles, t => t.EndsWith('\\'));
        Assert.DoesNotContain(titles, t => t.Contains('\n') || t.Contains('\r'));
        Assert.Contains(_plays, p => !p.IsMovie && p.Episode!.Title is null);
    }

    [Fact]
    public void Some_external_ids_are_missing()
    {
        Assert.Contains(_plays, p => p.IsMovie && p.Movie!.Ids.Imdb is null);
        Assert.Contains(_plays, p => p.IsMovie && p.Movie!.Ids.Tmdb is null);
        Assert.Contains(_plays, p => !p.IsMovie && p.Episode!.Ids.Tvdb is null);
        Assert.Contains(_plays, p => !p.IsMovie && p.Show!.Ids.Imdb is null);
        Assert.All(_plays, p => Assert.NotNull(p.IsMovie ? p.Movie!.Ids.Slug : p.Show!.Ids.Slug));
    }

    [Fact]
    public async Task Every_seeded_title_survives_the_trip_through_http()
    {
        using var client = SimulatorHttp.AuthedClient(_simulator);
        var served = new List<(long Id, string? Title)>();
        for (var page = 1; page <= 12; page++)
        {
            var items = await SimulatorHttp.ReadJsonAsync(await client.GetAsync($"sync/history?limit=250&page={page}&extended=full"));
            served.AddRange(items.EnumerateArray().Select(i =>
            {
                var media = i.GetProperty(i.GetProperty("type").GetString()!);
                return (i.GetProperty("id").GetInt64(), media.GetProperty("title").GetString());
            }));
        }

        Assert.Equal(_plays.Select(p => (p.Id, p.Title)), served);
    }
}
