using TraktTracker.Influx;
using TraktTracker.TestSupport.Influx;
using Xunit;
using static TraktTracker.Tests.State.Plays;

namespace TraktTracker.Tests.Influx;

[Collection(InfluxServerCollection.Name)]
public sealed class InfluxProjectorTests(InfluxDbServer server)
{
    [Fact]
    public async Task Plays_become_watch_event_points_with_every_field_and_tag()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server);
        var watchedAt = Utc(2026, 5, 1, 20, 15, 30).AddMilliseconds(250);
        bed.Insert(Movie(1_000_000_123, 10, watchedAt, title: "Heat"), Episode(4_000_000_007, 73482, watchedAt.AddHours(1), season: 2, episode: 5));

        var result = await bed.ProjectAsync();

        Assert.Equal(new ProjectionResult(DaysProjected: 1, RawPoints: 2, AggregatePoints: 3, DaysPending: 0), result);
        var events = (await bed.EventsAsync()).OrderBy(r => r.Time).ToList();
        Assert.Equal(2, events.Count);
        var movie = events[0];
        Assert.Equal(LineProtocol.ToUnixNanoseconds(Utc(2026, 5, 1, 20, 15, 30)) + 123, movie.Time);
        Assert.Equal(("movie", "trakt", "false", "watch"), (movie.Tag("media_type"), movie.Tag("source"), movie.Tag("is_rewatch"), movie.Tag("action")));
        Assert.Equal((1_000_000_123L, 10L, 120L, 2010L, "Heat"), (movie.Long("history_id")!.Value, movie.Long("trakt_id")!.Value, movie.Long("runtime_min")!.Value, movie.Long("year")!.Value, movie.String("title")!));
        Assert.True(movie.IsNull("show_title") && movie.IsNull("season_number"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", movie.String("ingested_at"));
        var episode = events[1];
        Assert.Equal(LineProtocol.ToUnixNanoseconds(Utc(2026, 5, 1, 21, 15, 30)) + 7, episode.Time);
        Assert.Equal(("episode", "scrobble"), (episode.Tag("media_type"), episode.Tag("action")));
        Assert.Equal((1388L, 2L, 5L, "Breaking Bad", 73482L), (episode.Long("show_trakt_id")!.Value, episode.Long("season_number")!.Value, episode.Long("episode_number")!.Value, episode.String("show_title")!, episode.Long("trakt_id")!.Value));
        Assert.Empty(bed.Store.GetDirtyDays());
    }

    [Fact]
    public async Task A_season_marked_watched_at_one_second_stays_ten_points_and_rewriting_keeps_ten()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server);
        var second = Utc(2026, 2, 10, 18, 0, 0);
        bed.Insert(Enumerable.Range(1, 10).Select(e => Episode(9_100_000_000 + e, 5000 + e, second, season: 3, episode: e)).ToArray());

        await bed.ProjectAsync();
        Assert.Equal(10, (await bed.EventsAsync()).Count);

        bed.Store.MarkAllDaysDirty(bed.Projector.DayKeyOf);
        var again = await bed.ProjectAsync();

        Assert.Equal(10, again.RawPoints);
        var events = await bed.EventsAsync();
        Assert.Equal(10, events.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(e => 9_100_000_000L + e), events.Select(r => r.Long("history_id")!.Value).Order());
    }

    [Fact]
    public async Task Daily_points_count_plays_titles_minutes_and_rewatches_per_media_type()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server);
        // Berlin local day 2026-05-01 runs 2026-04-30T22:00Z .. 2026-05-01T22:00Z.
        bed.Insert(
            Movie(1, 10, Utc(2026, 4, 30, 22, 30), runtime: 100),      // local 00:30 on May 1
            Movie(2, 10, Utc(2026, 5, 1, 21, 59, 59), runtime: 100),   // same title again: rewatch, local 23:59:59
            Movie(3, 11, Utc(2026, 5, 1, 12), runtime: null),          // runtime unknown counts 0 minutes
            Episode(4, 20, Utc(2026, 5, 1, 13), episode: 1),
            Episode(5, 21, Utc(2026, 5, 1, 14), episode: 2),
            Movie(6, 12, Utc(2026, 5, 1, 22, 0, 0)));                  // local May 2: another day

        await bed.ProjectAsync();

        var may1 = LineProtocol.ToUnixNanoseconds(Utc(2026, 4, 30, 22));
        AssertDaily(Assert.Single(await bed.DailyAsync("all"), r => r.Time == may1), events: 5, titles: 4, minutes: 294, rewatches: 1);
        AssertDaily(Assert.Single(await bed.DailyAsync("movie"), r => r.Time == may1), events: 3, titles: 2, minutes: 200, rewatches: 1);
        AssertDaily(Assert.Single(await bed.DailyAsync("episode"), r => r.Time == may1), events: 2, titles: 2, minutes: 94, rewatches: 0);
        var may2 = LineProtocol.ToUnixNanoseconds(Utc(2026, 5, 1, 22));
        AssertDaily(Assert.Single(await bed.DailyAsync("all"), r => r.Time == may2), events: 1, titles: 1, minutes: 120, rewatches: 0);
        Assert.Equal(2, (await bed.DailyAsync("all")).Count);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00Z", 23)]
    [InlineData("Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00Z", 25)]
    [InlineData("America/New_York", "2026-03-08", "2026-03-08T05:00:00Z", 23)]
    [InlineData("America/New_York", "2026-11-01", "2026-11-01T04:00:00Z", 25)]
    public async Task DST_days_aggregate_exactly_the_plays_of_their_23_or_25_hours(string zone, string day, string startUtc, int hours)
    {
        using var bed = await ProjectionTestBed.CreateAsync(server, TimeZoneInfo.FindSystemTimeZoneById(zone));
        var start = DateTimeOffset.Parse(startUtc);
        var end = start.AddHours(hours);
        bed.Insert(
            Movie(1, 1, start.AddSeconds(-1)),   // the day before
            Movie(2, 2, start),                  // first instant of the day
            Movie(3, 3, end.AddSeconds(-1)),     // last second of the day
            Movie(4, 4, end));                   // the day after

        await bed.ProjectAsync();

        var daily = await bed.DailyAsync();
        var ofDay = Assert.Single(daily, r => r.Time == LineProtocol.ToUnixNanoseconds(start));
        Assert.Equal(2, ofDay.Long("events_count"));
        Assert.Equal(day, bed.Projector.Calendar.DayKey(start));
        Assert.Equal(3, daily.Count);
        Assert.Equal(1, Assert.Single(daily, r => r.Time == LineProtocol.ToUnixNanoseconds(end)).Long("events_count"));
    }

    [Fact]
    public async Task A_day_whose_plays_were_all_deleted_gets_zeros_and_loses_its_raw_points()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server);
        bed.Insert(Movie(1, 10, Utc(2026, 6, 1, 12)), Episode(2, 20, Utc(2026, 6, 1, 13)), Movie(3, 11, Utc(2026, 6, 2, 12)));
        await bed.ProjectAsync();

        bed.Delete(1, 2);
        var result = await bed.ProjectAsync();

        Assert.Equal(1, result.DaysProjected);
        Assert.Equal(0, result.RawPoints);
        Assert.Equal(new long[] { 3 }, (await bed.EventsAsync()).Select(r => r.Long("history_id")!.Value));
        var june1 = LineProtocol.ToUnixNanoseconds(Utc(2026, 5, 31, 22));
        foreach (var mediaType in new[] { "all", "movie", "episode" })
        {
            AssertDaily(Assert.Single(await bed.DailyAsync(mediaType), r => r.Time == june1), events: 0, titles: 0, minutes: 0, rewatches: 0);
        }
    }

    [Fact]
    public async Task Raw_points_written_before_a_failed_run_are_deleted_when_their_day_changes()
    {
        // Regression: a day counted as "projected" only after all its writes succeeded, so raw points written by a
        // run that then failed (or was killed) were never deleted, and a play deleted later stayed in InfluxDB.
        using var bed = await ProjectionTestBed.CreateAsync(server);
        var aggregates = $"created_later_{Guid.NewGuid():N}";
        var projector = new InfluxProjector(bed.Writer, bed.Projector.Calendar, bed.Database, aggregates);
        bed.Insert(Movie(1, 10, Utc(2026, 6, 1, 12)), Movie(2, 11, Utc(2026, 6, 1, 13)));
        await Assert.ThrowsAsync<InfluxException>(() => projector.ProjectAsync(bed.Store, CancellationToken.None));
        Assert.Equal(2, (await bed.EventsAsync()).Count);

        await server.CreateDatabaseAsync(aggregates);
        bed.Delete(2);
        await projector.ProjectAsync(bed.Store, CancellationToken.None);

        Assert.Equal(new long[] { 1 }, (await bed.EventsAsync()).Select(r => r.Long("history_id")!.Value));
        Assert.Empty(bed.Store.GetDirtyDays());
    }

    [Fact]
    public async Task A_rebuild_that_fails_after_wiping_the_raw_points_leaves_every_day_for_the_next_run()
    {
        // Regression: days were marked dirty only after both wipes, so a rebuild that died in between left
        // InfluxDB without raw points and an empty outbox: no later run would ever write them again.
        using var bed = await ProjectionTestBed.CreateAsync(server);
        bed.Insert(Movie(1, 10, Utc(2026, 6, 1, 12)), Episode(2, 20, Utc(2026, 6, 3, 13)));
        await bed.ProjectAsync();
        var aggregates = $"created_later_{Guid.NewGuid():N}";
        var projector = new InfluxProjector(bed.Writer, bed.Projector.Calendar, bed.Database, aggregates);

        await Assert.ThrowsAsync<InfluxException>(() => projector.RebuildAsync(bed.Store, CancellationToken.None));
        Assert.Empty(await bed.EventsAsync());

        await server.CreateDatabaseAsync(aggregates);
        await projector.ProjectAsync(bed.Store, CancellationToken.None);

        Assert.Equal(new long[] { 1, 2 }, (await bed.EventsAsync()).Select(r => r.Long("history_id")!.Value).Order());
    }

    [Fact]
    public async Task A_play_whose_rewatch_flag_flipped_leaves_no_stale_point_with_the_old_tag()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server);
        bed.Insert(Movie(2, 10, Utc(2026, 7, 2, 12)));
        await bed.ProjectAsync();

        // A back-dated play of the same title: the stored one becomes a rewatch.
        bed.Insert(Movie(1, 10, Utc(2026, 7, 1, 12)));
        await bed.ProjectAsync();

        var events = await bed.EventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal("true", Assert.Single(events, r => r.Long("history_id") == 2).Tag("is_rewatch"));
        Assert.Equal("false", Assert.Single(events, r => r.Long("history_id") == 1).Tag("is_rewatch"));
        var july2 = LineProtocol.ToUnixNanoseconds(Utc(2026, 7, 1, 22));
        AssertDaily(Assert.Single(await bed.DailyAsync(), r => r.Time == july2), events: 1, titles: 1, minutes: 120, rewatches: 1);
    }

    [Fact]
    public async Task Unknown_date_plays_are_raw_points_only()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server);
        bed.Insert(Movie(42, 10, DateTimeOffset.UnixEpoch), Movie(43, 11, Utc(2026, 8, 1, 12)));

        var result = await bed.ProjectAsync();

        Assert.Equal(2, result.DaysProjected);
        Assert.Equal(2, result.RawPoints);
        Assert.Equal(3, result.AggregatePoints);
        Assert.Equal(42, Assert.Single(await bed.EventsAsync(), r => r.Long("history_id") == 42).Time);
        var daily = await bed.DailyAsync();
        Assert.Equal(1, Assert.Single(daily).Long("events_count"));
        Assert.Empty(bed.Store.GetDirtyDays());

        bed.Delete(42);
        await bed.ProjectAsync();
        Assert.Equal(new long[] { 43 }, (await bed.EventsAsync()).Select(r => r.Long("history_id")!.Value));
    }

    [Fact]
    public async Task A_backfill_of_many_fresh_days_is_written_in_batches_and_all_days_cleared()
    {
        using var bed = await ProjectionTestBed.CreateAsync(server, batchLines: 100);
        var plays = Enumerable.Range(0, 600).Select(i => Movie(i + 1, i % 50, Utc(2025, 1, 1).AddHours(7 * i))).ToArray();
        bed.Insert(plays);
        var days = bed.Store.GetDirtyDays().Count;

        var result = await bed.ProjectAsync();

        Assert.Equal(new ProjectionResult(days, 600, 3 * days, 0), result);
        Assert.Equal(600, (await bed.EventsAsync()).Count);
        Assert.Equal(600, (await bed.DailyAsync()).Sum(r => r.Long("events_count")));
        Assert.Equal(days, bed.Store.GetProjectedDays().Count);
    }

    [Fact]
    public async Task Rebuild_after_a_TIMEZONE_change_leaves_only_the_new_days()
    {
        using var utcBed = await ProjectionTestBed.CreateAsync(server, TimeZoneInfo.Utc);
        utcBed.Insert(Movie(1, 10, Utc(2026, 9, 1, 23, 30)), Movie(2, 11, Utc(2026, 9, 2, 10)));
        await utcBed.ProjectAsync();
        Assert.Equal(2, (await utcBed.DailyAsync()).Count);

        var berlin = new InfluxProjector(utcBed.Writer, new ProjectionCalendar(ProjectionTestBed.Berlin), utcBed.Database, utcBed.Database);
        var result = await berlin.RebuildAsync(utcBed.Store, CancellationToken.None);

        Assert.Equal(2, result.RawPoints);
        // 23:30Z on Sep 1 is 01:30 on Sep 2 in Berlin: one day with both plays, at Berlin midnight. The UTC days' points are gone.
        var daily = await utcBed.DailyAsync();
        var row = Assert.Single(daily, r => r.Long("events_count") > 0);
        Assert.Equal(LineProtocol.ToUnixNanoseconds(Utc(2026, 9, 1, 22)), row.Time);
        Assert.Equal(2, row.Long("events_count"));
        Assert.All(daily, r => Assert.Equal(0, (r.Time - LineProtocol.ToUnixNanoseconds(Utc(2026, 9, 1, 22))) % (24 * 3600 * 1_000_000_000L)));
        Assert.Equal(2, (await utcBed.EventsAsync()).Count);
        Assert.Empty(utcBed.Store.GetDirtyDays());
    }

    private static void AssertDaily(InfluxRow row, long events, long titles, long minutes, long rewatches)
    {
        Assert.Equal(events, row.Long("events_count"));
        Assert.Equal(titles, row.Long("unique_titles_count"));
        Assert.Equal(minutes, row.Long("watch_minutes_total"));
        Assert.Equal(rewatches, row.Long("rewatch_events_count"));
        Assert.Equal(events - rewatches, row.Long("first_watch_events_count"));
    }
}
