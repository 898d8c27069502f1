using System.Management.Automation;
using TraktTracker.Commands;
using TraktTracker.Sync;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>
/// One run per state store (product.md §5.6). The first run is a Connect-Trakt device flow, which holds the run
/// lock for as long as the test withholds approval: no timing guesswork about when it is busy.
/// </summary>
public sealed class ConcurrencyScriptTests
{
    [Fact]
    public async Task A_second_run_from_another_runspace_waits_its_timeout_then_fails_with_a_clear_busy_error()
    {
        await using var bed = await ModuleBed.StartAsync();
        using var impatient = bed.NewSession(bed.WriteConfig(bed.StateDbPath, bed.PathOf("impatient.toml"), "LOCK_TIMEOUT_SECONDS = \"0.3\""));
        var first = await HoldTheLockAsync(bed);

        var second = impatient.Invoke("Invoke-TraktSync -Verbose");

        var error = second.SingleError();
        Assert.Equal($"{ErrorIds.StateLocked},{typeof(InvokeTraktSyncCommand).FullName}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.StartsWith($"Another TraktTracker run is using {bed.StateDbPath} (since ", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("waited 0.3 s", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(second.Verbose, v => v.StartsWith("Waiting up to 0.3 s for another TraktTracker run", StringComparison.Ordinal));
        Assert.Equal(0, bed.Simulator.Requests.Count("/sync/"));

        bed.Simulator.Auth.DeviceFlow.PendingPolls = 0;
        (await first).EnsureNoErrors();
    }

    [Fact]
    public async Task A_second_run_waits_for_the_first_and_then_uses_the_tokens_it_stored()
    {
        await using var bed = await ModuleBed.StartAsync();
        bed.Simulator.History.SeedRandom(50, seed: 5);
        using var patient = bed.NewSession();
        var first = await HoldTheLockAsync(bed);

        var second = Task.Run(() => patient.Invoke("Invoke-TraktBackfill -Verbose"));
        await Task.Delay(300);
        Assert.False(second.IsCompleted, "the backfill ran while Connect-Trakt held the store");
        bed.Simulator.Auth.DeviceFlow.PendingPolls = 0;

        (await first).EnsureNoErrors();
        var backfill = (await second).EnsureNoErrors();
        Assert.Equal(50, ((SyncSummary)backfill.Objects.Single()).Inserted);
        Assert.Contains(backfill.Verbose, v => v.StartsWith("Waiting up to 120 s for another TraktTracker run", StringComparison.Ordinal));
        Assert.Equal(0, bed.Simulator.Auth.RefreshCount);
        Assert.Equal(bed.ExpectedPlays(), bed.Run("Get-TraktHistory").EnsureNoErrors().Objects.Cast<WatchEvent>());
    }

    /// <summary>Starts Connect-Trakt's device flow, pending until the test approves; returns once it holds the lock.</summary>
    private static async Task<Task<PowerShellResult>> HoldTheLockAsync(ModuleBed bed)
    {
        bed.Simulator.Auth.DeviceFlow.Interval = 1;
        bed.Simulator.Auth.DeviceFlow.PendingPolls = int.MaxValue;
        var connect = Task.Run(() => bed.Run("Connect-Trakt"));
        // The lock is taken before the device code is requested.
        for (var waited = 0; bed.Simulator.Requests.Count("/oauth/device/code", "POST") == 0; waited += 20)
        {
            Assert.False(connect.IsCompleted || waited > 10_000, "Connect-Trakt never asked for a device code");
            await Task.Delay(20);
        }

        return connect;
    }
}
