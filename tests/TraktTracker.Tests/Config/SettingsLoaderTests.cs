using System.Collections;
using TraktTracker.Config;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Config;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tt-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Hashtable Environment(params (string Key, string Value)[] values)
    {
        // HOME and XDG dirs point into the temp folder so no real user file is read.
        var env = new Hashtable { ["HOME"] = _dir, ["XDG_CONFIG_HOME"] = Path.Combine(_dir, "cfg"), ["XDG_DATA_HOME"] = Path.Combine(_dir, "data") };
        foreach (var (key, value) in values)
        {
            env[key] = value;
        }

        return env;
    }

    private string WriteConfig(string toml)
    {
        var path = Path.Combine(_dir, "config.toml");
        File.WriteAllText(path, toml);
        return path;
    }

    private static Dictionary<string, string?> Params(params (string Key, string? Value)[] values)
        => values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void Defaults_match_the_reference_tool()
    {
        var s = SettingsLoader.Load(environment: Environment());

        Assert.Equal("trakt_raw", s.InfluxBucketRaw);
        Assert.Equal("trakt_agg", s.InfluxBucketAgg);
        Assert.Equal("0 6,18 * * *", s.SyncCron);
        Assert.Equal("30 3 * * *", s.ReconcileCron);
        Assert.Equal("Europe/Berlin", s.TimeZone.Id);
        Assert.Equal(24, s.OverlapHours);
        Assert.Equal(7, s.ReconcileDays);
        Assert.Equal(5, s.TraktMaxRetries);
        Assert.Equal(0.9, s.TraktRetryAfterMarginSeconds);
        Assert.Equal(0, s.TraktMinRequestIntervalSeconds);
        Assert.Equal(new Uri("https://api.trakt.tv"), s.TraktApiUrl);
        Assert.Equal(new Uri("https://auth.trakt.tv"), s.TraktAuthUrl);
        Assert.Equal(InfluxApiVersion.V2, s.InfluxApi);
        Assert.False(s.EnableInflux);
        Assert.Equal(120, s.LockTimeoutSeconds);
        Assert.Equal(7, s.ReconcileFullDays);
        Assert.Equal(500, s.TraktGetLimit);
        Assert.Equal(30, s.TraktRequestTimeoutSeconds);
        Assert.Equal(120, s.TraktRetryBudgetSeconds);
        Assert.Equal(30, s.InfluxRetryBudgetSeconds);
    }

    [Fact]
    public void Default_state_path_is_per_user_never_the_working_directory()
    {
        var s = SettingsLoader.Load(environment: Environment());

        Assert.Equal(Path.Combine(_dir, "data", "trakt-tracker", "state.db"), s.StateDbPath);
    }

    [Fact]
    public void Parameters_beat_environment_which_beats_the_file_which_beats_defaults()
    {
        var config = WriteConfig("""
            OVERLAP_HOURS = 10
            RECONCILE_DAYS = 3
            INFLUX_BUCKET_RAW = "from_file"
            """);
        var env = Environment(("CONFIG_PATH", config), ("OVERLAP_HOURS", "20"), ("INFLUX_BUCKET_RAW", "from_env"));

        var s = SettingsLoader.Load(Params(("INFLUX_BUCKET_RAW", "from_param")), env);

        Assert.Equal("from_param", s.InfluxBucketRaw);
        Assert.Equal(20, s.OverlapHours);
        Assert.Equal(3, s.ReconcileDays);
        Assert.Equal("trakt_agg", s.InfluxBucketAgg);
        Assert.Equal(config, s.ConfigPath);
    }

    [Fact]
    public void Empty_text_values_count_as_unset()
    {
        var s = SettingsLoader.Load(Params(("INFLUX_BUCKET_RAW", "")), Environment(("TIMEZONE", ""), ("INFLUX_BUCKET_AGG", "")));

        Assert.Equal("trakt_raw", s.InfluxBucketRaw);
        Assert.Equal("trakt_agg", s.InfluxBucketAgg);
        Assert.Equal("Europe/Berlin", s.TimeZone.Id);
    }

    [Fact]
    public void Config_file_tables_prefix_their_keys_and_any_case_works()
    {
        var config = WriteConfig("""
            timezone = "America/New_York"
            [influx]
            url = "http://127.0.0.1:8086"
            api = "v1"
            [trakt]
            client_id = "abc"
            """);

        var s = SettingsLoader.Load(environment: Environment(("CONFIG_PATH", config)));

        Assert.Equal("America/New_York", s.TimeZone.Id);
        Assert.Equal(new Uri("http://127.0.0.1:8086"), s.InfluxUrl);
        Assert.Equal(InfluxApiVersion.V1, s.InfluxApi);
        Assert.Equal("abc", s.TraktClientId);
    }

    [Fact]
    public void Default_config_file_is_read_from_the_per_user_config_folder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "cfg", "trakt-tracker"));
        File.WriteAllText(Path.Combine(_dir, "cfg", "trakt-tracker", "config.toml"), "RECONCILE_DAYS = 9\n");

        Assert.Equal(9, SettingsLoader.Load(environment: Environment()).ReconcileDays);
    }

    [Theory]
    [InlineData("OVERLAP_HOURS", "-1", "Invalid value for OVERLAP_HOURS: '-1'")]
    [InlineData("RECONCILE_DAYS", "0", "Invalid value for RECONCILE_DAYS: '0'")]
    [InlineData("TRAKT_MAX_RETRIES", "many", "Invalid value for TRAKT_MAX_RETRIES: 'many'")]
    [InlineData("TRAKT_RETRY_AFTER_MARGIN", "NaN", "Invalid value for TRAKT_RETRY_AFTER_MARGIN: 'NaN'")]
    [InlineData("TRAKT_MIN_REQUEST_INTERVAL_SECONDS", "-2", "Invalid value for TRAKT_MIN_REQUEST_INTERVAL_SECONDS")]
    [InlineData("ENABLE_INFLUX", "maybe", "Invalid value for ENABLE_INFLUX: 'maybe'")]
    [InlineData("INFLUX_API", "v3", "Invalid value for INFLUX_API: 'v3'")]
    [InlineData("INFLUX_URL", "localhost:8086", "Invalid value for INFLUX_URL: 'localhost:8086'")]
    [InlineData("TRAKT_API_URL", "ftp://x", "Invalid value for TRAKT_API_URL")]
    [InlineData("TIMEZONE", "Mars/Olympus_Mons", "Invalid IANA time zone for TIMEZONE: 'Mars/Olympus_Mons'")]
    [InlineData("SYNC_CRON", "61 * * * *", "Invalid cron expression for SYNC_CRON: '61 * * * *'")]
    [InlineData("RECONCILE_CRON", "every day", "Invalid cron expression for RECONCILE_CRON: 'every day'")]
    [InlineData("LOG_LEVEL", "LOUD", "Invalid value for LOG_LEVEL: 'LOUD'")]
    [InlineData("LOCK_TIMEOUT_SECONDS", "-5", "Invalid value for LOCK_TIMEOUT_SECONDS: '-5'")]
    [InlineData("RECONCILE_FULL_DAYS", "-1", "Invalid value for RECONCILE_FULL_DAYS: '-1'")]
    public void Bad_values_fail_fast_naming_the_setting(string name, string value, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment((name, value))));

        Assert.Equal(name, ex.Setting);
        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void A_missing_explicit_config_file_is_an_error()
    {
        var missing = Path.Combine(_dir, "nope.toml");

        var ex = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("CONFIG_PATH", missing))));

        Assert.Contains(missing, ex.Message);
        Assert.Equal("CONFIG_PATH", ex.Setting);
    }

    [Fact]
    public void A_CONFIG_PATH_or_STATE_DB_PATH_naming_a_folder_is_refused_with_the_fix()
    {
        var config = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("CONFIG_PATH", _dir))));
        var state = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("STATE_DB_PATH", _dir))));
        var blank = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("STATE_DB_PATH", "  "))));

        Assert.Equal(("CONFIG_PATH", $"CONFIG_PATH names a folder, not a file: {_dir}. Point it at the config.toml file itself, e.g. {Path.Combine(_dir, "config.toml")}."),
            (config.Setting, config.Message));
        Assert.Equal(("STATE_DB_PATH", $"STATE_DB_PATH names a folder, not a file: {_dir}. Point it at a file in that folder, e.g. {Path.Combine(_dir, "state.db")}."),
            (state.Setting, state.Message));
        Assert.Equal("STATE_DB_PATH", blank.Setting);
        Assert.StartsWith("Invalid value for STATE_DB_PATH: ''", blank.Message);
    }

    [Fact]
    public void Unknown_keys_and_broken_toml_in_the_file_are_errors()
    {
        var typo = WriteConfig("INFLUX_BUCKT_RAW = \"x\"\n");
        var unknown = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("CONFIG_PATH", typo))));
        Assert.Contains("Unknown setting 'INFLUX_BUCKT_RAW'", unknown.Message);

        var broken = WriteConfig("TIMEZONE = \n");
        var invalid = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("CONFIG_PATH", broken))));
        Assert.StartsWith("Invalid TOML in", invalid.Message);
    }

    [Fact]
    public void Six_field_cron_with_seconds_is_accepted_for_service_mode()
    {
        var s = SettingsLoader.Load(environment: Environment(("SYNC_CRON", "*/5 * * * * *")));

        Assert.Equal("*/5 * * * * *", s.SyncCron);
    }

    [Theory]
    [InlineData(null, "TRAKT_CLIENT_ID")]
    [InlineData("id", "TRAKT_CLIENT_SECRET")]
    public void Trakt_requirements_use_the_reference_message(string? clientId, string missing)
    {
        var s = new TrackerSettings { TraktClientId = clientId };

        var ex = Assert.Throws<ConfigurationException>(s.RequireTraktClient);

        Assert.StartsWith($"Missing required configuration value: {missing}", ex.Message);
    }

    [Fact]
    public void Influx_v2_requirements_list_every_missing_value()
    {
        var s = new TrackerSettings { EnableInflux = true };

        var ex = Assert.Throws<ConfigurationException>(s.RequireInflux);

        Assert.StartsWith("Missing required Influx configuration values: INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG", ex.Message);
    }

    [Fact]
    public void Influx_v1_needs_only_the_url()
    {
        var s = new TrackerSettings { InfluxApi = InfluxApiVersion.V1, InfluxUrl = new Uri("http://127.0.0.1:8086") };

        s.RequireInflux();

        var ex = Assert.Throws<ConfigurationException>(new TrackerSettings { InfluxApi = InfluxApiVersion.V1 }.RequireInflux);
        Assert.StartsWith("Missing required Influx configuration values: INFLUX_URL.", ex.Message);
    }

    [Fact]
    public void Influx_v1_with_a_username_needs_its_password_and_both_targets_need_names()
    {
        var s = new TrackerSettings
        {
            InfluxApi = InfluxApiVersion.V1,
            InfluxUrl = new Uri("http://127.0.0.1:8086"),
            InfluxUsername = "grafana",
            InfluxBucketAgg = "",
        };

        var ex = Assert.Throws<ConfigurationException>(s.RequireInflux);

        Assert.StartsWith("Missing required Influx configuration values: INFLUX_PASSWORD, INFLUX_BUCKET_AGG.", ex.Message);
        Assert.Equal("INFLUX_PASSWORD", ex.Setting);
    }

    [Fact]
    public void The_writer_factory_applies_the_same_check()
    {
        var ex = Assert.Throws<ConfigurationException>(() => TraktTracker.Influx.InfluxWriterFactory.Create(new TrackerSettings { InfluxApi = InfluxApiVersion.V2 }));

        Assert.StartsWith("Missing required Influx configuration values: INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG.", ex.Message);
    }

    [Fact]
    public void Secrets_never_appear_in_the_settings_text()
    {
        var s = SettingsLoader.Load(environment: Environment(("TRAKT_CLIENT_SECRET", "s3cr3t-value"), ("INFLUX_TOKEN", "tok-value"), ("INFLUX_PASSWORD", "pw-value")));

        var text = s.ToString();

        Assert.DoesNotContain("s3cr3t-value", text);
        Assert.DoesNotContain("tok-value", text);
        Assert.DoesNotContain("pw-value", text);
    }

    [Fact]
    public void A_rejected_INFLUX_URL_is_named_without_its_password()
    {
        var ex = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(environment: Environment(("INFLUX_URL", "ftp://admin:url-pw@127.0.0.1:8086/"))));

        Assert.Contains("Invalid value for INFLUX_URL: 'ftp://127.0.0.1:8086/'", ex.Message);
        Assert.DoesNotContain("url-pw", ex.Message);
    }

    [Fact]
    public void A_password_inside_INFLUX_URL_never_appears_in_the_settings_text()
    {
        var s = SettingsLoader.Load(environment: Environment(("INFLUX_URL", "http://admin:url-pw@127.0.0.1:8086/?u=admin&p=query-pw")));

        var text = s.ToString();

        Assert.Contains("http://127.0.0.1:8086/", text);
        Assert.DoesNotContain("url-pw", text);
        Assert.DoesNotContain("query-pw", text);
    }

    [Fact]
    public void RawValues_written_by_ConfigFile_resolve_to_the_same_settings_from_a_private_file()
    {
        var env = Environment(("TRAKT_CLIENT_SECRET", "s\"e\\c\tr\u00e9t"), ("OVERLAP_HOURS", "12"), ("ENABLE_INFLUX", "true"));
        var values = SettingsLoader.RawValues(Params(("INFLUX_URL", "http://127.0.0.1:8086/")), env);
        var file = Path.Combine(_dir, "saved", "schedule.toml");

        ConfigFile.Write(file, values, "first line\nsecond line");

        Assert.Equal(["ENABLE_INFLUX", "INFLUX_URL", "OVERLAP_HOURS", "TRAKT_CLIENT_SECRET"], values.Keys);
        var reread = SettingsLoader.Load(environment: Environment(("CONFIG_PATH", file)));
        Assert.Equal(("s\"e\\c\tr\u00e9t", 12, true, new Uri("http://127.0.0.1:8086/")),
            (reread.TraktClientSecret, reread.OverlapHours, reread.EnableInflux, reread.InfluxUrl));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}

public sealed class ExampleConfigTests
{
    [Fact]
    public void The_shipped_example_config_loads_and_names_only_known_settings()
    {
        var example = Path.Combine(RepoRoot.Path, "config.example.toml");
        var env = new Hashtable { ["CONFIG_PATH"] = example, ["HOME"] = Path.GetTempPath() };

        var s = SettingsLoader.Load(environment: env);

        Assert.Equal("Europe/Berlin", s.TimeZone.Id);
        Assert.Equal("trakt_raw", s.InfluxBucketRaw);
        Assert.Equal(new Uri("http://127.0.0.1:8086"), s.InfluxUrl);
        Assert.Equal(example, s.ConfigPath);
    }
}
