using TraktTracker.Config;

namespace TraktTracker.Tests.Cli;

/// <summary>trakt-tracker as a real process: help, bad usage, bad configuration, Trakt authorization, reset, interruption.</summary>
public sealed class CliUsageTests
{
    [Fact]
    public async Task Help_lists_every_flag_and_version_prints_the_module_version()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 0, seed: 1);

        var help = await bed.RunOkAsync("--help");
        var version = await bed.RunOkAsync("--version");

        foreach (var flag in new[] { "--auth", "--auth-code CODE", "--once JOB", "--force-backfill", "--test-influx", "--reset-state", "--no-influx", "--rebuild-influx", "--report PATH", "--year N", "--config PATH" })
        {
            Assert.Contains(flag, help.Stdout);
        }

        Assert.Contains("Exit codes", help.Stdout);
        Assert.Equal("trakt-tracker 0.1.0", version.Stdout.Trim());
    }

    [Theory]
    [InlineData("Unknown option '--bogus'", "--bogus")]
    [InlineData("--once needs a value: backfill, incremental or reconcile", "--once")]
    [InlineData("Invalid value for --once: 'weekly'", "--once", "weekly")]
    [InlineData("--auth and --once cannot be combined", "--auth", "--once", "backfill")]
    [InlineData("--force-backfill applies to --once backfill", "--once", "reconcile", "--force-backfill")]
    [InlineData("--no-influx cannot be combined with --rebuild-influx", "--rebuild-influx", "--no-influx")]
    [InlineData("--keep-auth only applies to --reset-state", "--keep-auth")]
    [InlineData("--no-influx is given twice", "--no-influx", "--no-influx")]
    [InlineData("Unexpected argument 'backfill'", "backfill")]
    [InlineData("--auth-code needs a value", "--auth-code=")]
    [InlineData("--year only applies to --report", "--once", "incremental", "--year", "2024")]
    [InlineData("Invalid value for --year: 'last'", "--report", "r.html", "--year", "last")]
    [InlineData("--once and --report cannot be combined", "--once", "backfill", "--report", "r.html")]
    public async Task Bad_usage_exits_2_with_one_line_naming_the_problem(string message, params string[] args)
    {
        await using var bed = await CliTestBed.StartAsync(plays: 0, seed: 1);

        var result = await bed.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(message, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal(0, bed.Harness.Simulator.Requests.Total);
    }

    [Theory]
    [InlineData(SettingNames.TraktClientId, "", "Missing required configuration value: TRAKT_CLIENT_ID")]
    [InlineData(SettingNames.TimeZone, "Mars/Olympus", "Invalid IANA time zone for TIMEZONE")]
    [InlineData(SettingNames.SyncCron, "every morning", "Invalid cron expression for SYNC_CRON")]
    [InlineData(SettingNames.EnableInflux, "true", "Missing required Influx configuration values: INFLUX_URL")]
    public async Task Bad_configuration_exits_2_naming_the_setting(string name, string value, string message)
    {
        await using var bed = await CliTestBed.StartAsync(plays: 5, seed: 1);
        bed.Environment[name] = value;

        var result = await bed.RunAsync("--once", "incremental");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Empty(bed.Harness.StoredPlays());
    }

    [Fact]
    public async Task A_config_file_that_is_missing_or_sets_an_unknown_key_exits_2()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 0, seed: 1);
        var config = Path.Combine(bed.Environment["HOME"], "config.toml");

        var missing = await bed.RunAsync("--config", config, "--once", "incremental");
        await File.WriteAllTextAsync(config, "sync_crom = \"0 6 * * *\"\n");
        var typo = await bed.RunAsync("--config", config, "--once", "incremental");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"Configuration file not found: {config}", missing.Stderr);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Unknown setting 'sync_crom'", typo.Stderr);
    }

    [Fact]
    public async Task Settings_come_from_the_config_file_given_by_config()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 40, seed: 2);
        var config = Path.Combine(bed.Environment["HOME"], "tracker.toml");
        await File.WriteAllTextAsync(config, $"[trakt]\nclient_secret = \"{bed.Environment[SettingNames.TraktClientSecret]}\"\n");
        bed.Environment.Remove(SettingNames.TraktClientSecret);

        await bed.RunOkAsync("--config", config, "--once", "backfill");

        bed.Harness.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task Auth_shows_the_device_code_and_stores_the_tokens_it_is_granted()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 0, seed: 1);
        File.Delete(bed.Harness.StateDbPath);
        var flow = bed.Harness.Simulator.Auth.DeviceFlow;
        flow.Interval = 0;
        flow.PendingPolls = 2;

        var result = await bed.RunOkAsync("--auth");

        Assert.Contains($"open {flow.VerificationUrl} and enter the code {flow.UserCode}", result.Stdout);
        Assert.Contains("Connected to Trakt as sim-user", result.Stdout);
        Assert.NotNull(bed.StoredTokens());
        Assert.Equal(3, bed.Harness.Simulator.Requests.Count("/oauth/device/token", "POST"));
    }

    [Fact]
    public async Task Auth_code_is_exchanged_by_auth_or_seeds_an_empty_store_before_a_job()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 25, seed: 3);
        var auth = bed.Harness.Simulator.Auth;
        File.Delete(bed.Harness.StateDbPath);

        var connected = await bed.RunOkAsync("--auth", "--auth-code", auth.CreateAuthorizationCode());
        var tokensAfterAuth = bed.StoredTokens();
        await bed.RunOkAsync("--reset-state", "--auth-code", auth.CreateAuthorizationCode(), "--once", "backfill");

        Assert.Contains("Connected to Trakt as sim-user", connected.Stdout);
        Assert.NotNull(tokensAfterAuth);
        Assert.NotEqual(tokensAfterAuth!.RefreshToken, bed.StoredTokens()!.RefreshToken);
        bed.Harness.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task Reset_state_wipes_the_store_first_and_keep_auth_keeps_the_tokens()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 60, seed: 4);
        await bed.RunOkAsync("--once", "backfill");
        bed.Harness.Simulator.History.Clear();

        var kept = await bed.RunOkAsync("--reset-state", "--keep-auth", "--once", "backfill");
        var playsAfterKeptReset = bed.Harness.StoredPlays().Count;
        var wiped = await bed.RunAsync("--reset-state", "--once", "incremental");

        Assert.Contains("Reset the state store", kept.Stdout);
        Assert.Contains("0 inserted", kept.Stdout);
        Assert.Equal(0, playsAfterKeptReset);
        Assert.Equal(1, wiped.ExitCode);
        Assert.Contains("Not connected to Trakt: run Connect-Trakt (or trakt-tracker --auth)", wiped.Stderr);
        Assert.Null(bed.StoredTokens());
    }

    [Fact]
    public async Task Reset_state_moves_a_damaged_store_aside_and_starts_afresh()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 10, seed: 5);
        File.Delete(bed.Harness.StateDbPath);
        await File.WriteAllTextAsync(bed.Harness.StateDbPath, "this is not a SQLite database, it is long enough to have a header....................");

        var broken = await bed.RunAsync("--once", "incremental");
        var reset = await bed.RunAsync("--reset-state", "--auth-code", bed.Harness.Simulator.Auth.CreateAuthorizationCode(), "--once", "backfill");

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("is damaged or not a TraktTracker database", broken.Stderr);
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("moved it aside to", reset.Stderr);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(bed.Harness.StateDbPath)!, "state.db.broken-*"));
        bed.Harness.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task Ctrl_C_stops_a_backfill_between_pages_with_exit_130_and_the_next_run_completes_it()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 2_500, seed: 6);
        // Slow enough that the nine pages after the first take about 9 s (four at a time), so the signal lands
        // mid-backfill even when a busy machine delays this test's reading of the progress line by seconds.
        bed.Harness.Simulator.Options.Latency = TimeSpan.FromSeconds(3);
        using var cli = bed.Start("--once", "backfill");
        await cli.WaitForStdoutAsync(o => o.Contains("Trakt backfill: Page"), TimeSpan.FromSeconds(30), "backfill progress");

        cli.Signal(CliProcess.SigInt);
        var stopped = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));
        var storedWhenStopped = bed.Harness.StoredPlays().Count;
        bed.Harness.Simulator.Options.Latency = TimeSpan.Zero;
        await bed.RunOkAsync("--once", "backfill");

        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        Assert.Contains("Stopped by SIGINT", stopped.Stderr);
        Assert.Equal(0, storedWhenStopped % 250); // whole pages only: each page is one transaction
        Assert.InRange(storedWhenStopped, 0, 2_250);
        bed.Harness.AssertStoreMatchesSimulator();
    }
}
