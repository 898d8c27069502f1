using System.Net;
using System.Text.Json;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class HistoryWriteTests
{
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Last_activities_has_the_2026_shape_in_millisecond_iso_format()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);

        var activities = await SimulatorHttp.ReadJsonAsync(await client.GetAsync("sync/last_activities"));

        foreach (var group in new[] { "movies", "episodes", "shows", "seasons", "comments", "lists", "watchlist", "account" })
            Assert.Equal(JsonValueKind.Object, activities.GetProperty(group).ValueKind);
        var moviesWatched = activities.GetProperty("movies").GetProperty("watched_at").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", moviesWatched);
        Assert.Equal(simulator.History.MoviesWatchedAt, DateTimeOffset.Parse(moviesWatched));
        Assert.Equal(simulator.History.EpisodesWatchedAt,
            DateTimeOffset.Parse(activities.GetProperty("episodes").GetProperty("watched_at").GetString()!));
    }

    [Fact]
    public async Task Last_activities_are_whole_seconds_so_a_change_in_the_same_second_leaves_them_as_they_were()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var history = simulator.History;
        Assert.True(history.MoviesWatchedAt < DateTimeOffset.UtcNow.AddMinutes(-30)); // the seeded history is old

        DateTimeOffset first, second;
        do
        {
            history.AddMovie(1, "One", 2000, Noon);
            first = history.MoviesWatchedAt;
            history.AddMovie(2, "Two", 2000, Noon);
            second = history.MoviesWatchedAt;
        }
        while (first.Second != DateTimeOffset.UtcNow.Second); // retry if the second turned over in between

        Assert.Equal(0, first.Millisecond);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Last_activities_carry_the_exact_second_of_the_read_as_the_Date_header()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);
        var before = DateTimeOffset.UtcNow;

        using var response = await client.GetAsync("sync/last_activities");

        var date = response.Headers.Date!.Value;
        Assert.InRange(date, before.AddTicks(-before.UtcTicks % TimeSpan.TicksPerSecond), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Adds_and_removes_bump_only_their_media_type_strictly_increasing()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { WholeSecondActivities = false });
        var history = simulator.History;
        var (movies0, episodes0) = (history.MoviesWatchedAt, history.EpisodesWatchedAt);

        var movie = history.AddMovie(1, "Backdated", 1990, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (movies1, episodes1) = (history.MoviesWatchedAt, history.EpisodesWatchedAt);
        var episode = history.AddEpisode(2, "Show", 2000, 1, 1, 21, "Pilot", Noon);
        var (movies2, episodes2) = (history.MoviesWatchedAt, history.EpisodesWatchedAt);
        Assert.True(history.Remove(episode.Id));
        var (movies3, episodes3) = (history.MoviesWatchedAt, history.EpisodesWatchedAt);
        Assert.False(history.Remove(episode.Id));

        Assert.True(movies1 > movies0);
        Assert.Equal(episodes0, episodes1);
        Assert.Equal(movies1, movies2);
        Assert.True(episodes2 > episodes1);
        Assert.True(episodes3 > episodes2);
        Assert.Equal(movies2, movies3);
        Assert.Equal(episodes3, history.EpisodesWatchedAt);
        Assert.Equal([movie.Id], history.Snapshot().Select(p => p.Id));
    }

    [Fact]
    public async Task Post_history_adds_known_media_with_iso_unknown_or_omitted_dates()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.RegisterMovie(new SimMovie("Known", 2001, new SimIds(10), 100));
        simulator.History.RegisterEpisode(new SimShow("Show", 2010, new SimIds(20)), new SimEpisode(1, 1, "Pilot", new SimIds(201), 40));
        simulator.History.RegisterEpisode(new SimShow("Show", 2010, new SimIds(20)), new SimEpisode(1, 2, "Second", new SimIds(202), 40));
        using var client = SimulatorHttp.AuthedClient(simulator);
        var before = simulator.History.MoviesWatchedAt;

        using var response = await client.PostAsync("sync/history", SimulatorHttp.Json(new
        {
            movies = new object[]
            {
                new { ids = new { trakt = 10 }, watched_at = "2020-02-03T04:05:06.000Z" },
                new { ids = new { trakt = 10 }, watched_at = "unknown" },
                new { ids = new { trakt = 99 } },
            },
            shows = new[] { new { ids = new { trakt = 20 }, seasons = new[] { new { number = 1, episodes = new[] { new { number = 2 } } } } } },
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await SimulatorHttp.ReadJsonAsync(response);
        Assert.Equal(2, result.GetProperty("added").GetProperty("movies").GetInt32());
        Assert.Equal(1, result.GetProperty("added").GetProperty("episodes").GetInt32());
        Assert.Equal(99, result.GetProperty("not_found").GetProperty("movies")[0].GetProperty("ids").GetProperty("trakt").GetInt32());
        var plays = simulator.History.Snapshot();
        Assert.Contains(plays, p => p.IsMovie && p.WatchedAt == new DateTimeOffset(2020, 2, 3, 4, 5, 6, TimeSpan.Zero));
        Assert.Contains(plays, p => p.IsMovie && p.WatchedAt == TraktTime.UnknownDate);
        var episode = Assert.Single(plays, p => !p.IsMovie);
        Assert.Equal(202, episode.TraktId);
        Assert.InRange(episode.WatchedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(simulator.History.MoviesWatchedAt > before);
    }

    [Fact]
    public async Task Unknown_date_plays_are_served_as_the_epoch_and_sort_last()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.AddMovie(1, "Dated", 2000, Noon);
        simulator.History.AddMovie(2, "Undated", 2000, TraktTime.UnknownDate);
        using var client = SimulatorHttp.AuthedClient(simulator);

        var items = await SimulatorHttp.ReadJsonAsync(await client.GetAsync("sync/history"));

        Assert.Equal("1970-01-01T00:00:00.000Z", items[1].GetProperty("watched_at").GetString());
    }

    [Fact]
    public async Task Post_remove_deletes_by_history_id_and_by_item_and_reports_not_found()
    {
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { WholeSecondActivities = false });
        var first = simulator.History.AddMovie(1, "Twice", 2000, Noon);
        simulator.History.AddMovie(1, "Twice", 2000, Noon.AddDays(1));
        var episodes = simulator.History.AddSeasonBatch(5, "Show", 2010, 1, 3, 50, Noon);
        using var client = SimulatorHttp.AuthedClient(simulator);
        var episodesBefore = simulator.History.EpisodesWatchedAt;

        using var response = await client.PostAsync("sync/history/remove", SimulatorHttp.Json(new
        {
            ids = new[] { episodes[0].Id, 42L },
            movies = new[] { new { ids = new { trakt = 1 } } },
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await SimulatorHttp.ReadJsonAsync(response);
        Assert.Equal(2, result.GetProperty("deleted").GetProperty("movies").GetInt32());
        Assert.Equal(1, result.GetProperty("deleted").GetProperty("episodes").GetInt32());
        Assert.Equal([42L], result.GetProperty("not_found").GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(episodes.Skip(1).Select(p => p.Id).OrderDescending(), simulator.History.Snapshot().Select(p => p.Id));
        Assert.DoesNotContain(simulator.History.Snapshot(), p => p.Id == first.Id);
        Assert.True(simulator.History.EpisodesWatchedAt > episodesBefore);

        using var page = await client.GetAsync("sync/history");
        Assert.Equal("2", SimulatorHttp.Header(page, "X-Pagination-Item-Count"));
    }

    [Fact]
    public async Task Post_history_rejects_a_non_json_body_and_unmodelled_dates()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.RegisterMovie(new SimMovie("Known", 2001, new SimIds(10), 100));
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var notJson = await client.PostAsync("sync/history", new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json"));
        using var released = await client.PostAsync("sync/history",
            SimulatorHttp.Json(new { movies = new[] { new { ids = new { trakt = 10 }, watched_at = "released" } } }));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, released.StatusCode);
        Assert.Equal(0, simulator.History.Count);
    }
}
