using System.Diagnostics;
using TraktTracker.EngineHost;
using TraktTracker.Tests.Sync;

namespace TraktTracker.Tests.Crash;

/// <summary>One run at a time per state store, across processes.</summary>
[Collection(CrashCollection.Name)]
public sealed class CrossProcessLockTests
{
    [Fact]
    public async Task Of_two_processes_on_one_store_one_runs_and_the_other_waits_then_fails_clearly()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(1_000, seed: 41);
        // The winner's backfill holds the lock for about 3 s (latency, spaced requests); the loser gives up after 1 s,
        // however much later the busy machine starts it.
        h.Simulator.Options.Latency = TimeSpan.FromMilliseconds(400);
        h.Settings = h.Settings with { TraktMinRequestIntervalSeconds = 0.4 };
        h.Simulator.Auth.ExpireAccessTokens();
        var folder = Path.GetDirectoryName(h.StateDbPath)!;

        using var first = EngineHostProcess.Start(h.Settings, folder, "backfill", "--lock-timeout", "1");
        using var second = EngineHostProcess.Start(h.Settings, folder, "backfill", "--lock-timeout", "1");
        var clock = Stopwatch.StartNew();
        var exits = await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromSeconds(60)), second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var runs = new[] { first, second };
        Assert.True(exits.Order().SequenceEqual([ExitCodes.Success, ExitCodes.Locked]), string.Join("\n---\n", runs.Select(r => r.Describe())));
        var winner = runs[Array.IndexOf(exits, ExitCodes.Success)];
        var loser = runs[Array.IndexOf(exits, ExitCodes.Locked)];
        Assert.Contains(loser.ErrorLines, l => l.StartsWith("verbose|Waiting up to 1 s for another TraktTracker run", StringComparison.Ordinal));
        var error = Assert.Single(loser.ErrorLines, l => l.StartsWith("error|", StringComparison.Ordinal));
        Assert.Contains($"Another TraktTracker run is using {h.StateDbPath}", error);
        Assert.Contains($"pid {winner.Id})", error);
        Assert.Contains("waited 1 s", error);
        Assert.Contains("Operation = Backfill", winner.Output);
        Assert.Equal(1, h.Simulator.Auth.RefreshCount);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1));
        Assert.Equal("ok", StoreFile.IntegrityCheck(h.StateDbPath));
        h.AssertStoreMatchesSimulator();
    }
}
