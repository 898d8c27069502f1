using System.Net;
using System.Text.Json;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class HistoryPagingTests
{
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("limit=10&page=1", 1, 10, 4, 10)]
    [InlineData("limit=10&page=4", 4, 10, 4, 5)]
    [InlineData("limit=10&page=5", 5, 10, 4, 0)]
    [InlineData("", 1, 100, 1, 35)]
    [InlineData("limit=1000", 1, 250, 1, 35)]
    [InlineData("limit=0&page=0", 1, 100, 1, 35)]
    public async Task Pagination_headers_report_the_effective_limit_and_page_count(
        string query, int page, int limit, int pageCount, int itemsOnPage)
    {
        await using var simulator = await TraktSimulator.StartAsync();
        for (var i = 0; i < 35; i++) simulator.History.AddMovie(100 + i, $"Movie {i}", 2000, Noon.AddHours(-i));
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var response = await client.GetAsync($"sync/history?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(page.ToString(), SimulatorHttp.Header(response, "X-Pagination-Page"));
        Assert.Equal(limit.ToString(), SimulatorHttp.Header(response, "X-Pagination-Limit"));
        Assert.Equal(pageCount.ToString(), SimulatorHttp.Header(response, "X-Pagination-Page-Count"));
        Assert.Equal("35", SimulatorHttp.Header(response, "X-Pagination-Item-Count"));
        Assert.Equal(itemsOnPage, (await SimulatorHttp.ReadJsonAsync(response)).GetArrayLength());
    }

    [Fact]
    public async Task Clamps_a_large_limit_to_250_and_pages_through_every_play_once()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.SeedRandom(600, seed: 3);
        using var client = SimulatorHttp.AuthedClient(simulator);

        var ids = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            using var response = await client.GetAsync($"sync/history?limit=500&page={page}");
            Assert.Equal("250", SimulatorHttp.Header(response, "X-Pagination-Limit"));
            Assert.Equal("3", SimulatorHttp.Header(response, "X-Pagination-Page-Count"));
            ids.AddRange((await SimulatorHttp.ReadJsonAsync(response)).EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        }

        Assert.Equal(simulator.History.Snapshot().Select(p => p.Id), ids);
    }

    [Fact]
    public async Task Orders_newest_first_and_equal_timestamps_by_id_descending()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        var older = simulator.History.AddMovie(1, "Older", 1999, Noon.AddDays(-1));
        var batch = simulator.History.AddSeasonBatch(50, "Show", 2010, 1, 5, 500, Noon);
        var newest = simulator.History.AddMovie(2, "Newest", 2001, Noon.AddSeconds(1));
        using var client = SimulatorHttp.AuthedClient(simulator);

        var items = await SimulatorHttp.ReadJsonAsync(await client.GetAsync("sync/history"));

        var expected = new[] { newest.Id }.Concat(batch.Select(p => p.Id).OrderDescending()).Append(older.Id);
        Assert.Equal(expected, items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.All(batch, p => Assert.True(p.Id > uint.MaxValue, "history ids must exceed 32 bits"));
    }

    [Theory]
    [InlineData("start_at=2024-05-01T10:00:00.000Z&end_at=2024-05-01T12:00:00.000Z", new[] { 12, 11, 10 })]
    [InlineData("start_at=2024-05-01T11:00:00Z", new[] { 14, 13, 12, 11 })]
    [InlineData("end_at=2024-05-01T09:00:00.000Z", new[] { 9, 8 })]
    [InlineData("start_at=2024-05-01&end_at=2024-05-01", new[] { 14, 13, 12, 11, 10, 9, 8 })]
    [InlineData("end_at=2024-04-30", new int[0])]
    public async Task Start_and_end_at_are_inclusive_bounds_on_watched_at(string query, int[] expectedHours)
    {
        await using var simulator = await TraktSimulator.StartAsync();
        for (var hour = 8; hour <= 14; hour++)
            simulator.History.AddMovie(hour, $"At {hour}", 2000, new DateTimeOffset(2024, 5, 1, hour, 0, 0, TimeSpan.Zero));
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var response = await client.GetAsync($"sync/history?{query}");

        var hours = (await SimulatorHttp.ReadJsonAsync(response)).EnumerateArray()
            .Select(i => DateTimeOffset.Parse(i.GetProperty("watched_at").GetString()!).Hour);
        Assert.Equal(expectedHours, hours);
        Assert.Equal(expectedHours.Length.ToString(), SimulatorHttp.Header(response, "X-Pagination-Item-Count"));
    }

    [Theory]
    [InlineData("sync/history?start_at=yesterday", HttpStatusCode.BadRequest)] // an unparseable date bound
    [InlineData("sync/history/people", HttpStatusCode.NotFound)] // an unknown history type
    public async Task A_bad_history_request_is_refused_with_its_status(string path, HttpStatusCode expected)
    {
        await using var simulator = await TraktSimulator.StartAsync();
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Minimal_items_have_trakt_shape_without_runtime_and_full_items_add_it()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.AddMovie(4, "The Dark Knight", 2008, Noon, "scrobble", runtime: 152, imdb: "tt0468569", tmdb: 155);
        using var client = SimulatorHttp.AuthedClient(simulator);

        var minimal = (await SimulatorHttp.ReadJsonAsync(await client.GetAsync("sync/history"))).EnumerateArray().Single();
        var full = (await SimulatorHttp.ReadJsonAsync(await client.GetAsync("sync/history?extended=full"))).EnumerateArray().Single();

        Assert.Equal(["id", "watched_at", "action", "type", "movie"], minimal.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-05-01T12:00:00.000Z", minimal.GetProperty("watched_at").GetString());
        Assert.Equal("scrobble", minimal.GetProperty("action").GetString());
        var movie = minimal.GetProperty("movie");
        Assert.Equal("the-dark-knight-2008", movie.GetProperty("ids").GetProperty("slug").GetString());
        Assert.Equal(155, movie.GetProperty("ids").GetProperty("tmdb").GetInt64());
        Assert.False(movie.TryGetProperty("runtime", out _));
        Assert.Equal(152, full.GetProperty("movie").GetProperty("runtime").GetInt32());
        Assert.True(full.GetProperty("movie").TryGetProperty("overview", out _));
    }

    [Fact]
    public async Task Episode_items_carry_the_episode_and_its_show_with_nullable_ids()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.AddEpisode(4, "Parks and Recreation", 2009, 2, 1, 251, null, Noon, "checkin", runtime: 22,
            showTvdb: 84912, episodeTvdb: 797571);
        using var client = SimulatorHttp.AuthedClient(simulator);

        var item = (await SimulatorHttp.ReadJsonAsync(await client.GetAsync("sync/history?extended=full"))).EnumerateArray().Single();

        Assert.Equal("episode", item.GetProperty("type").GetString());
        var episode = item.GetProperty("episode");
        Assert.Equal(2, episode.GetProperty("season").GetInt32());
        Assert.Equal(JsonValueKind.Null, episode.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, episode.GetProperty("ids").GetProperty("imdb").ValueKind);
        Assert.Equal(797571, episode.GetProperty("ids").GetProperty("tvdb").GetInt64());
        Assert.Equal(22, episode.GetProperty("runtime").GetInt32());
        Assert.Equal("parks-and-recreation", item.GetProperty("show").GetProperty("ids").GetProperty("slug").GetString());
        Assert.False(item.TryGetProperty("rewatched", out _));
    }

    [Theory]
    [InlineData("sync/history/movies", 2)]
    [InlineData("sync/history/episodes", 3)]
    [InlineData("sync/history/movies/7", 2)]
    [InlineData("sync/history/movies/8", 0)]
    [InlineData("sync/history/shows/70", 2)]
    [InlineData("sync/history/seasons/70002", 1)]
    [InlineData("sync/history/episodes/701", 1)]
    [InlineData("users/me/history/episodes", 3)]
    public async Task Type_and_item_routes_select_their_plays(string path, int expected)
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.AddMovie(7, "Twice", 2000, Noon);
        simulator.History.AddMovie(7, "Twice", 2000, Noon.AddDays(1));
        simulator.History.AddEpisode(70, "Show", 2010, 1, 1, 701, "Pilot", Noon);
        simulator.History.AddEpisode(70, "Show", 2010, 2, 1, 711, "Return", Noon);
        simulator.History.AddEpisode(80, "Other", 2012, 1, 1, 801, "Other Pilot", Noon);
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await SimulatorHttp.ReadJsonAsync(response)).GetArrayLength());
    }

    [Fact]
    public async Task Concurrent_page_requests_each_get_their_own_consistent_page()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.SeedRandom(2_000, seed: 11);
        using var client = SimulatorHttp.AuthedClient(simulator);

        var pages = await Task.WhenAll(Enumerable.Range(1, 8).Select(async page =>
            (await SimulatorHttp.ReadJsonAsync(await client.GetAsync($"sync/history?limit=250&page={page}")))
                .EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList()));

        Assert.Equal(simulator.History.Snapshot().Select(p => p.Id), pages.SelectMany(p => p));
    }
}
