using System.Globalization;
using System.Management.Automation;
using TraktTracker.Simulator;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>Invoke-TraktBackfill and Get-TraktHistory, run as PowerShell scripts against the simulator.</summary>
public sealed class BackfillScriptTests
{
    [Fact]
    public async Task Backfill_of_20000_plays_equals_the_simulator_history_then_is_skipped_and_force_adds_no_duplicates()
    {
        await using var bed = await ModuleBed.ConnectedAsync(20_000, seed: 2026);

        var first = (SyncSummary)bed.Run("Invoke-TraktBackfill").EnsureNoErrors().Objects.Single();
        var history = bed.Run("Get-TraktHistory").EnsureNoErrors().Objects.Cast<WatchEvent>().ToList();

        Assert.Equal((20_000, 20_000, 0, 0), (first.Fetched, first.Inserted, first.Duplicates, first.ParseErrors));
        Assert.Equal(bed.ExpectedPlays(), history);

        bed.Simulator.Requests.Reset();
        var again = (SyncSummary)bed.Run("Invoke-TraktBackfill").EnsureNoErrors().Objects.Single();
        Assert.True(again.Skipped);
        Assert.StartsWith("Backfill already done", again.SkipReason, StringComparison.Ordinal);
        Assert.True(again.ApiCalls <= 1 && bed.Simulator.Requests.Total <= 1, $"{bed.Simulator.Requests.Total} API calls");

        var forced = (SyncSummary)bed.Run("Invoke-TraktBackfill -Force").EnsureNoErrors().Objects.Single();
        Assert.Equal((false, 20_000, 0, 20_000), (forced.Skipped, forced.Fetched, forced.Inserted, forced.Duplicates));
        Assert.Equal(20_000, bed.Run("@(Get-TraktHistory).Count").EnsureNoErrors().Objects.Single());
    }

    [Fact]
    public async Task PassThru_emits_the_summary_then_the_new_plays_and_progress_shows_the_pages()
    {
        await using var bed = await ModuleBed.ConnectedAsync(600, seed: 8);

        var result = bed.Run("Invoke-TraktBackfill -PassThru").EnsureNoErrors();

        var summary = Assert.IsType<SyncSummary>(result.Objects[0]);
        Assert.Equal(("Backfill", 600, 4), (summary.Operation, summary.Inserted, summary.ApiCalls));
        Assert.True(summary.Duration > TimeSpan.Zero);
        Assert.Equal(bed.ExpectedPlays().OrderBy(p => p.HistoryId), result.Objects.Skip(1).Cast<WatchEvent>().OrderBy(p => p.HistoryId));
        var pages = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal("Trakt backfill", p.Activity));
        Assert.Equal(100, pages.Max(p => p.PercentComplete));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
    }

    [Fact]
    public async Task WhatIf_says_what_it_would_import_and_stores_nothing()
    {
        await using var bed = await ModuleBed.ConnectedAsync(300, seed: 8);

        var result = bed.Run("Invoke-TraktBackfill -WhatIf").EnsureNoErrors();

        Assert.True(((SyncSummary)result.Objects.Single()).Skipped);
        Assert.Contains($"What if: Performing the operation \"Import the complete Trakt watch history\" on target \"{bed.StateDbPath}\"",
            result.HostText, StringComparison.Ordinal);
        Assert.Empty(bed.Run("Get-TraktHistory").EnsureNoErrors().Output);
        Assert.Equal(0, bed.Simulator.Requests.Count("/sync/history"));
    }

    [Fact]
    public async Task A_malformed_item_lands_in_dead_letters_while_the_rest_of_its_page_is_stored()
    {
        await using var bed = await ModuleBed.ConnectedAsync(500, seed: 12);
        bed.Simulator.Faults.Enqueue(SimFault.MalformedItem(MalformedShape.InvalidWatchedAt), "/sync/history");

        var summary = (SyncSummary)bed.Run("Invoke-TraktBackfill").EnsureNoErrors().Objects.Single();

        var stored = bed.Run("Get-TraktHistory").EnsureNoErrors().Objects.Cast<WatchEvent>().ToList();
        var lost = Assert.Single(bed.ExpectedPlays(), p => stored.All(s => s.HistoryId != p.HistoryId));
        Assert.Equal(bed.ExpectedPlays().Where(p => p.HistoryId != lost.HistoryId).Select(p => p.HistoryId), stored.Select(p => p.HistoryId));
        Assert.Equal((500, 499, 1), (summary.Fetched, summary.Inserted, summary.ParseErrors));
        using var store = bed.OpenStore();
        var letter = Assert.Single(store.GetDeadLetters());
        Assert.Contains(lost.HistoryId.ToString(CultureInfo.InvariantCulture), letter.Payload, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(letter.Error));
    }

    // One fault per case: retries back off exponentially (2 s, 4 s ...), so faults queued together would add up.
    [Theory]
    [InlineData("429")]
    [InlineData("502")]
    [InlineData("reset")]
    public async Task Rate_limits_server_errors_and_connection_resets_are_survived(string fault)
    {
        await using var bed = await ModuleBed.ConnectedAsync(500, seed: 13);
        bed.Simulator.Faults.Enqueue(fault switch
        {
            "429" => SimFault.RateLimited(1),
            "502" => SimFault.ServerError(502),
            _ => SimFault.ConnectionReset(),
        }, "/sync/history");

        var summary = (SyncSummary)bed.Run("Invoke-TraktBackfill").EnsureNoErrors().Objects.Single();

        Assert.Equal(0, bed.Simulator.Faults.Pending);
        Assert.Equal(bed.ExpectedPlays(), bed.Run("Get-TraktHistory").EnsureNoErrors().Objects.Cast<WatchEvent>());
        Assert.Equal((500, 4), (summary.Inserted, summary.ApiCalls));
    }
}
