using System.Management.Automation;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>Invoke-TraktBackfill and Get-TraktHistory, run as PowerShell scripts against the simulator.</summary>
public sealed class BackfillScriptTests
{
    [Fact]
    public async Task Backfill_of_20000_plays_equals_the_simulator_history_then_is_skipped_and_force_adds_no_duplicates()
    {
        await using var bed = await ModuleBed.StartAsync();
        bed.Simulator.History.SeedRandom(20_000, seed: 2026);
        bed.Connect();

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
}
