using TraktTracker.Config;
using TraktTracker.State;

namespace TraktTracker.Tests.Cli;

/// <summary>
/// Bad settings through the real trakt-tracker process: exit code 2 and one line naming the setting and the fix,
/// never "Unexpected error". The whole matrix of numeric values runs at the engine level (NumericSettingsTests).
/// </summary>
public sealed class CliSettingsTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("tt-cli-settings-");

    public void Dispose() => _home.Delete(recursive: true);

    [Theory]
    [InlineData(SettingNames.LockTimeout, "99999999999999999999", "a number of seconds from 0 to 86400")]
    [InlineData(SettingNames.TraktRetryAfterMargin, "1e308", "a number of seconds from 0 to 60")]
    [InlineData(SettingNames.ReconcileDays, "2147483647", "a whole number of days from 1 to 36500")]
    [InlineData(SettingNames.OverlapHours, "", "a whole number of hours from 0 to 8760")]
    [InlineData(SettingNames.TraktMaxRetries, "NaN", "a whole number of retries from 0 to 20")]
    public async Task A_numeric_setting_out_of_range_in_the_environment_exits_2_naming_it_and_its_range(string name, string value, string range)
    {
        var environment = Environment();
        environment[name] = value;

        var result = await CliProcess.RunAsync(environment, "--once", "incremental");

        AssertConfigurationError(result, $"Invalid value for {name}: '{value}'. Expected {range}");
    }

    [Fact]
    public async Task A_numeric_setting_out_of_range_in_config_toml_exits_2_naming_it_and_its_range()
    {
        var config = Path.Combine(_home.FullName, "config.toml");
        await File.WriteAllTextAsync(config, "[trakt]\nmax_retries = inf\n");

        var result = await CliProcess.RunAsync(Environment(), "--config", config, "--once", "backfill");

        AssertConfigurationError(result, "Invalid value for TRAKT_MAX_RETRIES: 'Infinity'. Expected a whole number of retries from 0 to 20");
    }

    [Fact]
    public async Task A_state_path_in_proc_or_under_a_file_and_a_config_path_naming_a_folder_exit_2_with_the_fix()
    {
        var plainFile = Path.Combine(_home.FullName, "plain.txt");
        await File.WriteAllTextAsync(plainFile, "not a folder");
        var underFile = Environment();
        underFile[SettingNames.StateDbPath] = Path.Combine(plainFile, "state.db");
        var inProc = Environment();
        inProc[SettingNames.StateDbPath] = "/proc/trakttracker/state.db";

        AssertConfigurationError(await CliProcess.RunAsync(underFile, "--once", "incremental"),
            $"Cannot use the state file {Path.Combine(plainFile, "state.db")}: its folder {plainFile} cannot be created or written");
        AssertConfigurationError(await CliProcess.RunAsync(inProc, "--reset-state"),
            "Cannot use the state file /proc/trakttracker/state.db: its folder /proc/trakttracker cannot be created or written");
        AssertConfigurationError(await CliProcess.RunAsync(Environment(), "--config", _home.FullName, "--once", "incremental"),
            $"CONFIG_PATH names a folder, not a file: {_home.FullName}.");
    }

    [Fact]
    public async Task A_run_reaching_a_locked_store_through_a_relative_path_waits_for_the_same_lock()
    {
        var store = Path.Combine(_home.FullName, "data", "state.db");
        using var held = RunLock.Acquire(store, TimeSpan.Zero);
        var environment = Environment();
        environment[SettingNames.StateDbPath] = Path.Combine("data", "state.db");
        environment[SettingNames.LockTimeout] = "0";

        var result = await CliProcess.RunInAsync(_home.FullName, environment, "--once", "incremental");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Another TraktTracker run is using {store}", result.Stderr);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = _home.FullName,
        [SettingNames.StateDbPath] = Path.Combine(_home.FullName, "state.db"),
    };

    private static void AssertConfigurationError(CliResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("Unexpected error", result.All);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
