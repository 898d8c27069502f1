using TraktTracker.Simulator;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class HistoryReadTests
{
    [Fact]
    public async Task A_full_read_of_2000_plays_equals_the_simulated_history()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(2000, seed: 7);

        var pages = await ReadAllAsync(bed.Client, new HistoryRequest());

        var expected = bed.Simulator.History.Snapshot().Select(SimPlayMapping.Expected).ToList();
        var actual = pages.SelectMany(p => p.Items).Select(i => i.Play!).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(pages.SelectMany(p => p.Items), item => Assert.Null(item.Error));
        Assert.Equal(expected, actual);
        Assert.Contains(actual, p => p.HasUnknownDate());
        Assert.Contains(actual, p => p.Type == MediaType.Movie);
        Assert.Contains(actual, p => p.Type == MediaType.Episode);
    }

    [Fact]
    public async Task History_pages_travel_compressed_and_read_the_same()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(600, seed: 7);
        using var client = new TraktClient(bed.ClientOptions, bed.Store, bed.Reporter);

        var pages = await ReadAllAsync(client, new HistoryRequest());

        Assert.Equal(600, pages.Sum(p => p.Items.Count(i => i.Play is not null)));
        var history = bed.Simulator.Requests.All.Where(r => r.Path == "/sync/history").ToList();
        Assert.Equal(3, history.Count);
        Assert.All(history, r => Assert.Contains(r.ContentEncoding, new[] { "br", "gzip" }));
    }

    [Fact]
    public async Task Page_count_comes_from_the_headers_when_Trakt_clamps_the_limit()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(1100, seed: 3);

        var pages = await ReadAllAsync(bed.Client, new HistoryRequest { Limit = 1000 });

        Assert.Equal([1, 2, 3, 4, 5], pages.Select(p => p.Page));
        Assert.All(pages, p => Assert.Equal((5, 1100, 250), (p.PageCount, p.ItemCount, p.Limit)));
        Assert.Equal(1100, pages.Sum(p => p.Items.Count));
        Assert.Equal(5, bed.Simulator.Requests.Count("/sync/history"));
    }

    [Fact]
    public async Task Concurrent_paging_yields_pages_in_order_and_every_play_once()
    {
        await using var bed = await TraktTestBed.StartAsync(sim => sim.Latency = TimeSpan.FromMilliseconds(20));
        bed.Simulator.History.SeedRandom(1000, seed: 11);
        var client = bed.NewClient(o => o with { MaxConcurrency = 4 });
        // Page 2 answers last of its batch, so in-order yielding is really exercised.
        bed.Spy!.HoldBack = r => r.RequestUri!.Query.StartsWith("?page=2&", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(150) : TimeSpan.Zero;

        var pages = await ReadAllAsync(client, new HistoryRequest { Limit = 50 });

        Assert.Equal(Enumerable.Range(1, 20), pages.Select(p => p.Page));
        var ids = pages.SelectMany(p => p.Items).Select(i => i.Play!.HistoryId).ToList();
        Assert.Equal(bed.Simulator.History.Snapshot().Select(p => p.Id), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(4, bed.Spy.MaxInFlight);
        Assert.Equal(20, bed.Simulator.Requests.Count("/sync/history"));
    }

    [Fact]
    public async Task A_page_that_fails_for_good_ends_the_read_with_its_error()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(500, seed: 12);
        var seen = new List<int>();

        var error = await Assert.ThrowsAsync<TraktApiException>(async () =>
        {
            await foreach (var page in bed.Client.ReadHistoryAsync(new HistoryRequest { Limit = 50 }, CancellationToken.None))
            {
                seen.Add(page.Page);
                if (page.Page == 1)
                {
                    bed.Simulator.Faults.Enqueue(SimFault.Status(404), "/sync/history");
                }
            }
        });

        Assert.Equal(404, error.StatusCode);
        // One of pages 2-5 (fetched together) took the fault; only the pages before it were yielded.
        Assert.Equal(Enumerable.Range(1, seen.Count), seen);
        Assert.InRange(seen.Count, 1, 4);
    }

    [Fact]
    public async Task Type_and_date_bounds_reach_Trakt_and_filter_the_listing()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(600, seed: 5);
        var all = bed.Simulator.History.Snapshot();
        var from = all[400].WatchedAt;
        var to = all[100].WatchedAt;

        var pages = await ReadAllAsync(bed.Client, new HistoryRequest { Type = "episodes", StartAt = from, EndAt = to, ExtendedFull = false });

        var expected = all.Where(p => !p.IsMovie && p.WatchedAt >= from && p.WatchedAt <= to).Select(p => p.Id);
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(i => i.Play!.HistoryId));
        Assert.All(pages.SelectMany(p => p.Items), i => Assert.Null(i.Play!.RuntimeMinutes));
        Assert.Contains(bed.Spy!.Sent, r => r.PathAndQuery.StartsWith("/sync/history/episodes?page=1&limit=250&start_at=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_history_is_one_empty_page()
    {
        await using var bed = await TraktTestBed.StartAsync();

        var pages = await ReadAllAsync(bed.Client, new HistoryRequest());

        var page = Assert.Single(pages);
        Assert.Empty(page.Items);
        Assert.Equal(0, page.ItemCount);
    }

    [Fact]
    public async Task Every_request_carries_the_required_headers()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(10, seed: 1);

        await bed.Client.GetLastActivitiesAsync(CancellationToken.None);
        await bed.Client.GetUserSettingsAsync(CancellationToken.None);
        await bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None);

        Assert.Equal(3, bed.Spy!.Sent.Count);
        Assert.All(bed.Spy.Sent, request =>
        {
            Assert.Equal("application/json", request.ContentType?.MediaType);
            Assert.Equal(bed.Simulator.Options.ClientId, request.Headers["trakt-api-key"]);
            Assert.Equal("2", request.Headers["trakt-api-version"]);
            Assert.StartsWith("Bearer ", request.Headers["Authorization"], StringComparison.Ordinal);
        });
        Assert.All(bed.Simulator.Requests.All, r =>
        {
            Assert.Equal(200, r.Status);
            Assert.Equal(TraktClientOptions.DefaultUserAgent, r.UserAgent);
        });
        Assert.Matches(@"^TraktTracker/\d+\.\d+\.\d+ \(\+https://\S+; self-hosted history sync\)$", TraktClientOptions.DefaultUserAgent);
    }

    [Fact]
    public async Task Activities_a_few_seconds_old_are_a_safe_baseline_even_when_the_local_clock_is_a_day_behind()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.AddMovie(4, "The Dark Knight", 2008, DateTimeOffset.UtcNow.AddDays(-1));
        await bed.Simulator.History.WaitPastLastChangeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the read time is Date less the request's time: maybe one second back
        var dayBehind = bed.NewClient(o => o with { Time = new ShiftedClock(TimeSpan.FromDays(-1)) });

        var activities = await dayBehind.GetLastActivitiesAsync(CancellationToken.None);

        Assert.True(activities.SafeAsBaseline, $"read at {activities.ReadAt:O}, movies at {activities.MoviesWatchedAt:O}");
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    [Fact]
    public async Task Last_activities_and_user_settings_are_read()
    {
        await using var bed = await TraktTestBed.StartAsync(sim =>
        {
            sim.WholeSecondActivities = false;
            sim.Username = "Sean Rudford";
            sim.Vip = true;
            sim.Timezone = "America/Los_Angeles";
        });
        bed.Simulator.History.AddMovie(4, "The Dark Knight", 2008, DateTimeOffset.UtcNow.AddDays(-1));

        var activities = await bed.Client.GetLastActivitiesAsync(CancellationToken.None);
        var settings = await bed.Client.GetUserSettingsAsync(CancellationToken.None);

        Assert.Equal(bed.Simulator.History.MoviesWatchedAt, activities.MoviesWatchedAt);
        Assert.Equal(bed.Simulator.History.EpisodesWatchedAt, activities.EpisodesWatchedAt);
        Assert.True(activities.MoviesWatchedAt > activities.EpisodesWatchedAt);
        Assert.Equal(activities.MoviesWatchedAt, activities.All);
        Assert.Equal(new UserSettings("Sean Rudford", "sean-rudford", true, "America/Los_Angeles"), settings);
    }

    [Fact]
    public async Task A_malformed_item_is_kept_raw_with_its_error_and_the_rest_of_the_page_survives()
    {
        await using var bed = await TraktTestBed.StartAsync();
        bed.Simulator.History.SeedRandom(30, seed: 9);
        bed.Simulator.Faults.Enqueue(SimFault.MalformedItem(MalformedShape.InvalidWatchedAt), "/sync/history");

        var page = await bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None);

        Assert.Equal(30, page.Items.Count);
        var broken = Assert.Single(page.Items, i => i.Play is null);
        Assert.Contains("'watched_at'", broken.Error);
        Assert.Contains("\"id\":", broken.RawJson);
        var good = page.Items.Where(i => i.Play is not null).Select(i => i.Play!.HistoryId);
        Assert.Equal(29, good.Intersect(bed.Simulator.History.Snapshot().Select(p => p.Id)).Count());
    }

    internal static async Task<List<HistoryPage>> ReadAllAsync(TraktClient client, HistoryRequest request)
    {
        var pages = new List<HistoryPage>();
        await foreach (var page in client.ReadHistoryAsync(request, CancellationToken.None))
        {
            pages.Add(page);
        }

        return pages;
    }
}
