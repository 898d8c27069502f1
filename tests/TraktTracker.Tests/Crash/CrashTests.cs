using System.Diagnostics;
using TraktTracker.TestSupport.Influx;
using Xunit.Abstractions;

namespace TraktTracker.Tests.Crash;

/// <summary>
/// The engine runs in a child process that is killed (SIGKILL) at random points of backfill, sync,
/// reconcile and projection, and around a token refresh; every time the next runs converge exactly. Each trial
/// prints its target and seed; TRAKTTRACKER_CRASH_REPLAY=&lt;target&gt;:&lt;seed&gt; runs just that trial again.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashTests(InfluxDbServer server, ITestOutputHelper output)
{
    private const int RequiredKills = 20;
    private const int MaxTrials = 32;
    private const int FirstSeed = 5_000;

    private static readonly CrashTarget[] PhaseTargets = [CrashTarget.Backfill, CrashTarget.Sync, CrashTarget.Reconcile, CrashTarget.Projection];

    [Fact]
    public async Task Runs_killed_at_random_points_of_every_phase_leave_a_store_the_next_runs_repair_exactly()
    {
        if (Environment.GetEnvironmentVariable("TRAKTTRACKER_CRASH_REPLAY") is { Length: > 0 } replay)
        {
            var parts = replay.Split(':');
            await RunTrialAsync(0, Enum.Parse<CrashTarget>(parts[0]), int.Parse(parts[1]));
            return;
        }

        var clock = Stopwatch.StartNew();
        var landed = Enum.GetValues<EnginePhase>().ToDictionary(p => p, _ => 0);
        var trials = 0;
        for (; trials < MaxTrials && landed.Where(l => l.Key != EnginePhase.Finished).Sum(l => l.Value) < RequiredKills; trials++)
        {
            landed[await RunTrialAsync(trials, PhaseTargets[trials % PhaseTargets.Length], FirstSeed + trials)]++;
        }

        output.WriteLine($"{trials} trials in {clock.Elapsed.TotalSeconds:0.0} s; killed in: {string.Join(", ", landed.Select(l => $"{l.Key} {l.Value}"))}");
        Assert.True(trials - landed[EnginePhase.Finished] >= RequiredKills, $"only {trials - landed[EnginePhase.Finished]} of {trials} runs were killed before they finished");
        Assert.All(PhaseTargets.Select(t => Enum.Parse<EnginePhase>(t.ToString())), phase => Assert.True(landed[phase] > 0, $"no kill landed in {phase}"));
    }

    [Theory]
    [InlineData(CrashTarget.RefreshInFlight, 5_100)]
    [InlineData(CrashTarget.RefreshStored, 5_200)]
    public async Task A_run_killed_around_a_token_refresh_keeps_a_working_session(CrashTarget target, int seed)
    {
        await RunTrialAsync(0, target, seed);
    }

    private async Task<EnginePhase> RunTrialAsync(int number, CrashTarget target, int seed)
    {
        output.WriteLine($"trial {number}: {target}, seed {seed} (replay: TRAKTTRACKER_CRASH_REPLAY={target}:{seed})");
        return await new CrashTrial(target, seed, server, output.WriteLine).RunAsync();
    }
}
