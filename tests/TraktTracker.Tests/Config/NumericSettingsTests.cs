using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using TraktTracker.Config;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Config;

/// <summary>Every numeric setting is range-checked at load, from the environment and from config.toml alike.</summary>
public sealed partial class NumericSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tt-numeric-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Names() => new(NumericSettings.All.Select(n => n.Name));

    /// <summary>Values no numeric setting accepts, as an environment variable holds them.</summary>
    private static IEnumerable<string> BadTexts(NumericSetting setting) =>
    [
        "", "  ", "many", "NaN", "Infinity", "-Infinity", "1e308", "99999999999999999999", "0x10", "5 s",
        Text(setting.Min - 1), Text(setting.Max + 1), Text(setting.Max + 0.5),
        .. setting.WholeNumber ? new[] { Text(setting.Min + 0.5) } : [],
    ];

    /// <summary>The same as TOML values of their own types, which reach the loader through Tomlyn.</summary>
    private static IEnumerable<string> BadTomlValues(NumericSetting setting) =>
    [
        "\"\"", "\"many\"", "nan", "inf", "-inf", "1e308", "true", "2026-01-01",
        Text(setting.Min - 1), Text(setting.Max + 1),
        .. setting.WholeNumber ? new[] { Text(setting.Min + 0.5) } : [],
        .. BadTexts(setting).Select(t => $"\"{t}\""),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_bad_value_in_the_environment_is_refused_naming_the_setting_and_its_range(string name)
    {
        var setting = NumericSettings.All.Single(n => n.Name == name);
        Assert.All(BadTexts(setting), value => AssertRefused(setting, value, Environment((name, value))));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_bad_value_in_config_toml_is_refused_naming_the_setting_and_its_range(string name)
    {
        var setting = NumericSettings.All.Single(n => n.Name == name);
        Assert.All(BadTomlValues(setting), value =>
        {
            var config = Path.Combine(_dir, "config.toml");
            File.WriteAllText(config, $"{name.ToLowerInvariant()} = {value}\n");
            AssertRefused(setting, value, Environment(("CONFIG_PATH", config)));
        });
    }

    [Fact]
    public void A_TOML_integer_beyond_64_bits_is_refused_as_invalid_TOML_with_its_position()
    {
        var config = Path.Combine(_dir, "config.toml");
        File.WriteAllText(config, "lock_timeout_seconds = 99999999999999999999\n");

        var ex = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("CONFIG_PATH", config))));

        Assert.StartsWith($"Invalid TOML in {config}: (1,24)", ex.Message);
        Assert.Contains("99999999999999999999", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_ends_of_the_range_are_accepted_and_an_unset_value_is_the_default(string name)
    {
        var setting = NumericSettings.All.Single(n => n.Name == name);
        var config = Path.Combine(_dir, "config.toml");
        File.WriteAllText(config, $"{name} = {Text(setting.Max)}\n");

        Assert.Equal(setting.Min, Read(setting, SettingsLoader.Load(environment: Environment((name, Text(setting.Min))))));
        Assert.Equal(setting.Max, Read(setting, SettingsLoader.Load(environment: Environment(("CONFIG_PATH", config)))));
        Assert.Equal(setting.Default, Read(setting, SettingsLoader.Load(environment: Environment())));
    }

    [Fact]
    public void A_value_the_run_would_not_use_is_still_checked()
    {
        // A store-only run never reconciles, yet a reconcile window of 2147483647 days is refused at load.
        var ex = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(
            (SettingNames.ReconcileDays, int.MaxValue.ToString(CultureInfo.InvariantCulture)), (SettingNames.EnableInflux, "false"))));

        Assert.Equal(SettingNames.ReconcileDays, ex.Setting);
        Assert.Contains("a whole number of days from 1 to 36500", ex.Message);
    }

    [Fact]
    public void The_README_table_states_every_numeric_setting_with_its_default_and_range()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("### Numeric settings", StringComparison.Ordinal)..];
        var rows = ReadmeRow().Matches(section).ToDictionary(m => m.Groups["name"].Value, m => (Default: m.Groups["default"].Value, Range: m.Groups["range"].Value));

        Assert.Equal(NumericSettings.All.Select(n => n.Name).Order(), rows.Keys.Order());
        Assert.All(NumericSettings.All, n =>
        {
            Assert.Equal(Text(n.Default), rows[n.Name].Default);
            Assert.Equal(n.Range, rows[n.Name].Range);
        });
    }

    private static void AssertRefused(NumericSetting setting, string value, Hashtable environment)
    {
        var ex = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: environment));

        Assert.True(setting.Name == ex.Setting, $"{setting.Name} = {value}: the error names {ex.Setting}: {ex.Message}");
        Assert.Contains($"Invalid value for {setting.Name}", ex.Message);
        Assert.Contains(setting.Range, ex.Message);
    }

    private static double Read(NumericSetting setting, TrackerSettings s) => setting.Name switch
    {
        SettingNames.TraktMaxRetries => s.TraktMaxRetries,
        SettingNames.TraktRetryAfterMargin => s.TraktRetryAfterMarginSeconds,
        SettingNames.TraktMinRequestInterval => s.TraktMinRequestIntervalSeconds,
        SettingNames.TraktGetLimit => s.TraktGetLimit,
        SettingNames.TraktRequestTimeout => s.TraktRequestTimeoutSeconds,
        SettingNames.TraktRetryBudget => s.TraktRetryBudgetSeconds,
        SettingNames.InfluxRetryBudget => s.InfluxRetryBudgetSeconds,
        SettingNames.OverlapHours => s.OverlapHours,
        SettingNames.ReconcileDays => s.ReconcileDays,
        SettingNames.ReconcileFullDays => s.ReconcileFullDays,
        SettingNames.LockTimeout => s.LockTimeoutSeconds,
        var other => throw new Xunit.Sdk.XunitException($"{other} has no property mapping in this test: add it"),
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private Hashtable Environment(params (string Key, string Value)[] values)
    {
        var env = new Hashtable { ["HOME"] = _dir, ["XDG_CONFIG_HOME"] = Path.Combine(_dir, "cfg"), ["XDG_DATA_HOME"] = Path.Combine(_dir, "data") };
        foreach (var (key, value) in values)
        {
            env[key] = value;
        }

        return env;
    }

    [GeneratedRegex(@"^\| `(?<name>[A-Z_]+)` \| `(?<default>[^`]+)` \| (?<range>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();
}
