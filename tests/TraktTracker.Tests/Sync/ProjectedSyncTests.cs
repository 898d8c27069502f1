using TraktTracker.Influx;
using TraktTracker.Sync;
using TraktTracker.Tests.Influx;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Sync;

/// <summary>Backfill, sync and reconcile with InfluxDB on: a real influxd 1.6.7 over the v1 API.</summary>
[Collection(InfluxServerCollection.Name)]
public sealed class ProjectedSyncTests(InfluxDbServer server)
{
    private async Task<SyncHarness> StartAsync(int plays, int seed)
    {
        var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(plays, seed);
        await h.ProjectIntoAsync(server);
        return h;
    }

    private static Task AssertInfluxMatchesAsync(SyncHarness h) => h.AssertInfluxMatchesSimulatorAsync();

    [Fact]
    public async Task A_backfill_projects_every_play_once_and_the_daily_numbers_exactly()
    {
        await using var h = await StartAsync(2_000, seed: 17);

        var outcome = await h.BackfillAsync();

        Assert.Equal(0, outcome.Summary.DaysPending);
        Assert.True(outcome.Summary.DaysProjected > 100);
        await AssertInfluxMatchesAsync(h);
    }

    [Fact]
    public async Task NoInflux_leaves_days_pending_and_the_next_run_projects_them()
    {
        await using var h = await StartAsync(500, seed: 23);

        var stored = await h.BackfillAsync(new RunOptions { NoInflux = true });
        Assert.True(stored.Summary.DaysPending > 0);
        Assert.Empty(await server.QueryAsync(h.Settings.InfluxBucketRaw, "SELECT count(history_id) FROM watch_event"));

        var sync = await h.SyncAsync();
        Assert.True(sync.Summary.Skipped);
        Assert.Equal(stored.Summary.DaysPending, sync.Summary.DaysProjected);
        await AssertInfluxMatchesAsync(h);
    }

    [Fact]
    public async Task A_backfill_that_is_already_done_still_projects_pending_days_and_reports_them_truthfully()
    {
        await using var h = await StartAsync(500, seed: 23);
        var stored = await h.BackfillAsync(new RunOptions { NoInflux = true });
        h.Simulator.Requests.Reset();

        var storeOnly = await h.BackfillAsync(new RunOptions { NoInflux = true });
        var projected = await h.BackfillAsync();

        Assert.True(storeOnly.Summary.Skipped);
        Assert.Equal((0, stored.Summary.DaysPending), (storeOnly.Summary.DaysProjected, storeOnly.Summary.DaysPending));
        Assert.True(projected.Summary.Skipped);
        Assert.Equal((stored.Summary.DaysPending, 0), (projected.Summary.DaysProjected, projected.Summary.DaysPending));
        Assert.Equal(0, h.Simulator.Requests.Total);
        await AssertInfluxMatchesAsync(h);
    }

    [Fact]
    public async Task An_influx_outage_mid_backfill_fails_clearly_keeps_the_plays_and_the_next_sync_writes_everything()
    {
        await using var h = await StartAsync(1_500, seed: 29);
        h.Simulator.Options.Latency = TimeSpan.FromMilliseconds(40);
        var backfill = h.BackfillAsync();
        await Task.Delay(100);
        await server.StopAsync(graceful: false);
        try
        {
            var ex = await Assert.ThrowsAsync<InfluxException>(() => backfill);
            Assert.Contains(server.Url.ToString(), ex.Message);
            Assert.Equal(1_500, h.StoredPlays().Count);
        }
        finally
        {
            await server.StartAsync();
        }

        h.Simulator.Options.Latency = TimeSpan.Zero;
        var sync = await h.SyncAsync();

        Assert.Equal(0, sync.Summary.DaysPending);
        h.AssertStoreMatchesSimulator();
        await AssertInfluxMatchesAsync(h);
    }

    [Fact]
    public async Task Deletes_and_back_dated_rewatches_rewrite_points_and_zero_emptied_days()
    {
        await using var h = await StartAsync(300, seed: 31);
        await h.BackfillAsync();
        var plays = h.ExpectedPlays();
        var lonely = plays.Where(p => !p.HasUnknownDate()).GroupBy(p => TimeZoneInfo.ConvertTime(p.WatchedAt, h.Settings.TimeZone).Date).First(g => g.Count() == 1).Single();
        var firstWatch = plays.Last(p => p.Type == MediaType.Movie && !p.IsRewatch && !p.HasUnknownDate() && p.HistoryId != lonely.HistoryId);
        h.Simulator.History.Remove(lonely.HistoryId);
        h.Simulator.History.AddMovie(firstWatch.TraktId, firstWatch.Title, firstWatch.Year, firstWatch.WatchedAt.AddYears(-2), runtime: firstWatch.RuntimeMinutes);

        var full = await h.ReconcileAsync(new RunOptions { Full = true });

        Assert.Equal(1, full.Summary.Deleted);
        Assert.True(full.Summary.RewatchFlagsChanged >= 1);
        await AssertInfluxMatchesAsync(h);
        var dayStart = TimeZoneInfo.ConvertTimeToUtc(TimeZoneInfo.ConvertTime(lonely.WatchedAt, h.Settings.TimeZone).Date, h.Settings.TimeZone);
        var emptied = await server.QueryAsync(h.Settings.InfluxBucketAgg, $"SELECT * FROM watch_daily WHERE time = {(dayStart - DateTime.UnixEpoch).Ticks * 100}");
        Assert.Equal(3, emptied.Count);
        Assert.All(emptied, r => Assert.Equal(0, r.Long("events_count")));
    }
}
