using System.Management.Automation;
using TraktTracker.Commands;
using TraktTracker.State;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>Reset-TraktState: what it wipes, what it keeps, and what it does with a damaged state file.</summary>
public sealed class ResetScriptTests
{
    private static async Task<ModuleBed> BackfilledAsync(int plays)
    {
        var bed = await ModuleBed.ConnectedAsync(plays, seed: 31);
        bed.Run("Invoke-TraktBackfill").EnsureNoErrors();
        return bed;
    }

    [Fact]
    public async Task KeepAuth_wipes_the_history_and_the_next_backfill_needs_no_new_Connect()
    {
        await using var bed = await BackfilledAsync(120);

        var result = bed.Run("Reset-TraktState -KeepAuth -Force; @(Get-TraktHistory).Count; Invoke-TraktBackfill").EnsureNoErrors();

        var reset = Assert.IsType<StateResetResult>(result.Objects[0]);
        Assert.Equal((bed.StateDbPath, 120, true, (string?)null), (reset.StateDbPath, reset.PlaysRemoved, reset.KeptAuth, reset.MovedAsideTo));
        Assert.Equal(0, result.Objects[1]);
        Assert.Equal(120, Assert.IsType<SyncSummary>(result.Objects[2]).Inserted);
    }

    [Fact]
    public async Task Without_KeepAuth_the_tokens_are_gone_and_a_sync_says_to_connect()
    {
        await using var bed = await BackfilledAsync(10);

        var result = bed.Run("Reset-TraktState -Force; Invoke-TraktSync");

        Assert.False(Assert.IsType<StateResetResult>(result.Objects.Single()).KeptAuth);
        var error = result.SingleError();
        Assert.Equal($"{ErrorIds.AuthenticationFailed},{typeof(InvokeTraktSyncCommand).FullName}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("run Connect-Trakt", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_wins_over_Force_and_deletes_nothing()
    {
        await using var bed = await BackfilledAsync(10);

        var result = bed.Run("Reset-TraktState -Force -WhatIf").EnsureNoErrors();

        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Delete all stored plays, sync state and Trakt tokens\" on target \"{bed.StateDbPath}\"",
            result.HostText, StringComparison.Ordinal);
        Assert.Equal(10, bed.Run("@(Get-TraktHistory).Count").EnsureNoErrors().Objects.Single());
    }

    [Fact]
    public async Task A_damaged_state_file_is_moved_aside_never_deleted_and_the_store_starts_over()
    {
        await using var bed = await ModuleBed.StartAsync();
        bed.Simulator.History.SeedRandom(20, seed: 32);
        File.WriteAllText(bed.StateDbPath, "this is not a SQLite database, but someone's only copy of something");

        var broken = bed.Run("Get-TraktHistory").SingleError();
        var reset = bed.Run("Reset-TraktState -KeepAuth -Force").EnsureNoErrors();

        Assert.Equal(ErrorIds.StateCorrupt, broken.FullyQualifiedErrorId.Split(',')[0]);
        var result = Assert.IsType<StateResetResult>(reset.Objects.Single());
        Assert.False(result.KeptAuth);
        Assert.Equal("this is not a SQLite database, but someone's only copy of something", File.ReadAllText(result.MovedAsideTo!));
        Assert.Contains(reset.Warnings, w => w.Contains(result.MovedAsideTo!, StringComparison.Ordinal) && w.Contains("run Connect-Trakt again", StringComparison.Ordinal));
        bed.Connect();
        Assert.Equal(20, ((SyncSummary)bed.Run("Invoke-TraktBackfill").EnsureNoErrors().Objects.Single()).Inserted);
    }
}
