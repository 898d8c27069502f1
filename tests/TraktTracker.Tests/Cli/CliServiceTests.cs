using System.Text.RegularExpressions;
using TraktTracker.Config;
using TraktTracker.Tests.Influx;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Cli;

/// <summary>The service mode (no --once) as a real process: second-level cron expressions, then SIGTERM.</summary>
[Collection(InfluxServerCollection.Name)]
public sealed class CliServiceTests(InfluxDbServer server)
{
    [Fact]
    public async Task Service_mode_backfills_then_runs_both_schedules_and_stops_cleanly_on_SIGTERM()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 300, seed: 21, server);
        bed.Environment[SettingNames.SyncCron] = "* * * * * *";           // every second
        bed.Environment[SettingNames.ReconcileCron] = "*/2 * * * * *";    // every other second
        using var cli = bed.Start();
        await cli.WaitForStdoutAsync(o => o.Contains("Backfill finished") && o.Contains("Next: "), TimeSpan.FromSeconds(30), "the bootstrap backfill");
        bed.Harness.Simulator.History.AddMovie(10_000_002, "Seen while the service ran", 2026, DateTimeOffset.UtcNow.AddMinutes(-5));

        await cli.WaitForStdoutAsync(o => o.Contains("1 inserted") && o.Contains("Reconcile finished"), TimeSpan.FromSeconds(30), "a scheduled sync and a reconcile");
        cli.Signal(CliProcess.SigTerm);
        var result = await cli.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Service mode: sync on '* * * * * *', reconcile on '*/2 * * * * *' (Europe/Berlin)", result.Stdout);
        Assert.Matches(new Regex(@"Backfill finished.*\n.*(Sync finished|Sync skipped)", RegexOptions.None), result.Stdout);
        Assert.Contains("Next: sync and reconcile at", result.Stdout);
        Assert.EndsWith("Service stopped.", result.Stdout.TrimEnd());
        Assert.Empty(result.Stderr);
        bed.AssertNoSecrets(result);
        await bed.AssertStoreAndInfluxMatchSimulatorAsync();
    }
}
