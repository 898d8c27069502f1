using TraktTracker.Sync;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>Invoke-TraktSync and Invoke-TraktReconcile as scripts: the summary object, -PassThru, and rewatch flags.</summary>
public sealed class SyncScriptTests
{
    [Fact]
    public async Task Sync_emits_its_summary_and_with_PassThru_the_new_plays_then_a_second_sync_is_skipped_by_last_activities()
    {
        await using var bed = await ModuleBed.ConnectedAsync(300, seed: 21);
        bed.Run("Invoke-TraktBackfill").EnsureNoErrors();
        var seen = bed.ExpectedPlays().First(p => p.Type == MediaType.Movie);
        var now = DateTimeOffset.UtcNow;
        var fresh = bed.Simulator.History.AddMovie(77_000_001, "Brand New", 2026, now.AddMinutes(-10));
        var rewatch = bed.Simulator.History.AddMovie(seen.TraktId, seen.Title, seen.Year, now.AddMinutes(-2), runtime: seen.RuntimeMinutes);
        await bed.Simulator.History.WaitPastLastChangeAsync();

        var result = bed.Run("Invoke-TraktSync -PassThru").EnsureNoErrors();

        var summary = Assert.IsType<SyncSummary>(result.Objects[0]);
        // Calls: last activities, the window, the play count below it.
        Assert.Equal(("Sync", false, 2, 0, 0, 3), (summary.Operation, summary.Skipped, summary.Inserted, summary.Deleted, summary.RewatchFlagsChanged, summary.ApiCalls));
        Assert.True(summary.DaysPending >= 1, "InfluxDB is off: the touched day waits in the outbox");
        Assert.Equal(0, summary.DaysProjected);
        Assert.True(summary.Duration > TimeSpan.Zero);
        var expected = bed.ExpectedPlays();
        Assert.Equal(expected.Where(p => p.HistoryId == fresh.Id || p.HistoryId == rewatch.Id), result.Objects.Skip(1).Cast<WatchEvent>());
        Assert.True(expected.Single(p => p.HistoryId == rewatch.Id).IsRewatch);

        bed.Simulator.Requests.Reset();
        var again = (SyncSummary)bed.Run("Invoke-TraktSync -PassThru").EnsureNoErrors().Objects.Single();
        Assert.Equal((true, "Trakt history unchanged (last activities)", 1), (again.Skipped, again.SkipReason, again.ApiCalls));
        Assert.Equal(1, bed.Simulator.Requests.Total);
    }

    [Fact]
    public async Task Reconcile_reports_the_deleted_play_and_the_rewatch_flag_that_changed()
    {
        await using var bed = await ModuleBed.StartAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 12; i++)
        {
            bed.Simulator.History.AddMovie(500 + (i % 3), $"Movie {i % 3}", 2001, now.AddHours(-9 * i));
        }

        bed.Connect();
        bed.Run("Invoke-TraktBackfill").EnsureNoErrors();
        var firstWatch = bed.ExpectedPlays().Where(p => p.TraktId == 500).MinBy(p => p.WatchedAt)!;
        bed.Simulator.History.Remove(firstWatch.HistoryId);

        var result = bed.Run("Invoke-TraktReconcile -PassThru").EnsureNoErrors();

        var summary = (SyncSummary)result.Objects.Single();
        Assert.Equal(("Reconcile", 1, 1, 0), (summary.Operation, summary.Deleted, summary.RewatchFlagsChanged, summary.Inserted));
        Assert.True(summary.DaysPending >= 1);
        var history = bed.Run("Get-TraktHistory -Title 'Movie 0'").EnsureNoErrors().Objects.Cast<WatchEvent>().ToList();
        Assert.Equal(bed.ExpectedPlays().Where(p => p.TraktId == 500), history);
        Assert.False(history[^1].IsRewatch);
    }
}
