using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Tests.Sync;
using TraktTracker.TestSupport.Influx;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Crash;

/// <summary>
/// One crash trial: a store prepared for the target, the EngineHost child running an operation on
/// it against the simulator and a real influxd, a kill at a random moment, Trakt changing meanwhile, then the
/// interrupted operation run again and a normal sync. Afterwards SQLite must equal the simulator's history, InfluxDB
/// its projection, and the stored refresh token must still work.
/// </summary>
internal sealed class CrashTrial(CrashTarget target, int seed, InfluxDbServer server, Action<string> log)
{
    /// <summary>Spaces the child's requests, so concurrent backfill and reconcile pages arrive one by one.</summary>
    private const double MinRequestIntervalSeconds = 0.04;

    private readonly Random _random = new(seed);

    /// <summary>Runs the trial; returns the phase the child was in when it died (Finished when it ended first).</summary>
    public async Task<EnginePhase> RunAsync()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProjectIntoAsync(server);
        var start = DateTimeOffset.UtcNow.AddDays(-60);
        h.Simulator.History.SeedRandom(CrashScenario.Plays, seed, newest: start);
        var changes = new RandomHistoryChanges(h.Simulator.History, _random, start);
        var scenario = await CrashScenario.PrepareAsync(target, h, changes, _random);

        var tokensBefore = LoadTokens(h);
        var refreshesBefore = h.Simulator.Auth.RefreshCount;
        var landed = await RunChildAndKillAsync(h, scenario);
        if (target == CrashTarget.RefreshInFlight)
        {
            await AssertRefreshWasCutOffAsync(h);
        }

        AssertSessionSurvived(h, tokensBefore, refreshesBefore);

        await RecoverAsync(h, changes, scenario.Operation);
        return landed;
    }

    private async Task<EnginePhase> RunChildAndKillAsync(SyncHarness h, CrashScenario scenario)
    {
        h.Simulator.Options.Latency = scenario.SimulatorLatency;
        var settings = h.Settings with { TraktMinRequestIntervalSeconds = MinRequestIntervalSeconds };
        using var child = EngineHostProcess.Start(settings, Path.GetDirectoryName(h.StateDbPath)!, scenario.Operation);
        var delay = scenario.MaxExtraDelay * _random.NextDouble();
        var arrivedBefore = scenario.ArrivedAt is { } path ? h.Simulator.Requests.Arrived(path) : 0;
        if (await child.WaitForLineAsync(scenario.Trigger, scenario.Occurrence, TimeSpan.FromSeconds(60)))
        {
            await ArrivalAsync(h, scenario.ArrivedAt, arrivedBefore);
            await Task.Delay(delay);
            child.Kill();
        }
        else
        {
            Assert.True(await child.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, child.Describe());
        }

        var landed = EnginePhases.Last(child.ErrorLines);
        log($"  {scenario.Operation}: trigger #{scenario.Occurrence} + {delay.TotalMilliseconds:0} ms, killed in {landed}; last line: {child.ErrorLines.LastOrDefault()}");
        h.Simulator.Options.Latency = TimeSpan.Zero;
        return landed;
    }

    /// <summary>Until the child's next request to <paramref name="path"/> reached the simulator (none: at once).</summary>
    private static async Task ArrivalAsync(SyncHarness h, string? path, int arrivedBefore)
    {
        for (var waited = 0; path is not null && h.Simulator.Requests.Arrived(path) == arrivedBefore; waited++)
        {
            Assert.True(waited < 300, $"no request to {path} reached the simulator within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The kill landed while the refresh request was on its way: the simulator saw it aborted, unanswered.</summary>
    private static async Task AssertRefreshWasCutOffAsync(SyncHarness h)
    {
        static bool Aborted(LoggedRequest r) => r.Path == "/oauth/token" && r.Status == 0;
        for (var waited = 0; waited < 50 && !h.Simulator.Requests.All.Any(Aborted); waited++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(h.Simulator.Requests.All, Aborted);
    }

    /// <summary>
    /// Refresh tokens are single-use: a kill before Trakt rotated the pair must leave the old pair working, and a kill
    /// after the child received the new pair must find it stored (committed before use). The moment between Trakt
    /// rotating the pair and its answer arriving is one no client can cover (a kill there loses the session); the token trials aim at either side of it.
    /// </summary>
    private void AssertSessionSurvived(SyncHarness h, StoredTokens before, int refreshesBefore)
    {
        var after = LoadTokens(h);
        var rotated = h.Simulator.Auth.RefreshCount - refreshesBefore;
        log($"  refresh grants during the child's run: {rotated}");
        Assert.InRange(rotated, 0, 1);
        Assert.True(rotated == 1 == (after.RefreshToken != before.RefreshToken), $"Trakt rotated the pair {rotated} time(s), but the store {(after.RefreshToken == before.RefreshToken ? "kept the old" : "holds a new")} refresh token");
        Assert.True(h.Simulator.Auth.IsRefreshTokenValid(after.RefreshToken), "the stored refresh token no longer works");
        if (target == CrashTarget.RefreshStored)
        {
            Assert.Equal(1, rotated);
        }
    }

    /// <summary>
    /// Trakt changes after the crash (one new play at the top and one change of any kind: a sync must notice both),
    /// every access token expires, then the interrupted operation runs again and a normal sync follows.
    /// </summary>
    private async Task RecoverAsync(SyncHarness h, RandomHistoryChanges changes, string operation)
    {
        log($"  then: {changes.Apply(RandomHistoryChanges.Kind.NewPlay)}; {changes.ApplyAny()}");
        h.Simulator.Auth.ExpireAccessTokens();
        var refreshes = h.Simulator.Auth.RefreshCount;

        var rerun = await (operation switch
        {
            "backfill" => h.BackfillAsync(),
            "reconcile-full" => h.ReconcileAsync(new RunOptions { Full = true }),
            _ => h.SyncAsync(),
        });
        var sync = await h.SyncAsync();

        log($"  recovery: {Describe(rerun.Summary)}; then {Describe(sync.Summary)}");
        Assert.Equal(0, sync.Summary.DaysPending);
        Assert.Equal(refreshes + 1, h.Simulator.Auth.RefreshCount);
        Assert.True(h.Simulator.Auth.IsRefreshTokenValid(LoadTokens(h).RefreshToken));
        Assert.Equal("ok", StoreFile.IntegrityCheck(h.StateDbPath));
        h.AssertStoreMatchesSimulator();
        await h.AssertInfluxMatchesSimulatorAsync();
    }

    private static string Describe(SyncSummary run)
        => $"{run.Operation} inserted {run.Inserted}, deleted {run.Deleted}, projected {run.DaysProjected} day(s) in {run.Duration.TotalMilliseconds:0} ms";

    private static StoredTokens LoadTokens(SyncHarness h)
    {
        using var store = StateStore.Open(h.StateDbPath);
        return store.LoadTokens() ?? throw new InvalidOperationException("the store lost its tokens");
    }
}
