using System.Collections;
using Cronos;

namespace TraktTracker.Config;

/// <summary>
/// Resolves <see cref="TrackerSettings"/>: parameters / CLI flags → environment → config.toml → defaults.
/// Every bad value fails fast with a message that names the setting.
/// </summary>
public static class SettingsLoader
{
    public const string DefaultTimeZone = "Europe/Berlin";

    /// <param name="overrides">Values from cmdlet parameters or CLI flags, keyed by setting name (e.g. INFLUX_URL).</param>
    /// <param name="environment">The environment to read; the process environment when null.</param>
    public static TrackerSettings Load(IReadOnlyDictionary<string, string?>? overrides = null, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var paths = new TrackerPaths(environment);
        var sources = SettingSources.Create(overrides ?? new Dictionary<string, string?>(), environment, paths);
        // Every numeric setting is checked here, used by this run or not (NumericSettings).
        var read = new SettingReader(sources, NumericSettings.All.ToDictionary(n => n, n => n.Parse(sources.GetRaw(n.Name))));
        var defaults = new TrackerSettings();
        return new TrackerSettings
        {
            TraktClientId = read.Text(SettingNames.TraktClientId),
            TraktClientSecret = read.Text(SettingNames.TraktClientSecret),
            TraktRefreshToken = read.Text(SettingNames.TraktRefreshToken),
            TraktAuthCode = read.Text(SettingNames.TraktAuthCode),
            TraktApiUrl = read.HttpUrl(SettingNames.TraktApiUrl) ?? defaults.TraktApiUrl,
            TraktAuthUrl = read.HttpUrl(SettingNames.TraktAuthUrl) ?? defaults.TraktAuthUrl,
            TraktMaxRetries = read.Whole(NumericSettings.TraktMaxRetries),
            TraktRetryAfterMarginSeconds = read.Number(NumericSettings.TraktRetryAfterMargin),
            TraktMinRequestIntervalSeconds = read.Number(NumericSettings.TraktMinRequestInterval),
            TraktGetLimit = read.Whole(NumericSettings.TraktGetLimit),
            TraktRequestTimeoutSeconds = read.Number(NumericSettings.TraktRequestTimeout),
            TraktRetryBudgetSeconds = read.Number(NumericSettings.TraktRetryBudget),
            EnableInflux = read.Flag(SettingNames.EnableInflux, defaults.EnableInflux),
            InfluxApi = read.InfluxApi(SettingNames.InfluxApi, defaults.InfluxApi),
            InfluxUrl = read.HttpUrl(SettingNames.InfluxUrl),
            InfluxToken = read.Text(SettingNames.InfluxToken),
            InfluxOrg = read.Text(SettingNames.InfluxOrg),
            InfluxUsername = read.Text(SettingNames.InfluxUsername),
            InfluxPassword = read.Text(SettingNames.InfluxPassword),
            InfluxBucketRaw = read.Text(SettingNames.InfluxBucketRaw) ?? defaults.InfluxBucketRaw,
            InfluxBucketAgg = read.Text(SettingNames.InfluxBucketAgg) ?? defaults.InfluxBucketAgg,
            InfluxRetryBudgetSeconds = read.Number(NumericSettings.InfluxRetryBudget),
            SyncCron = read.Cron(SettingNames.SyncCron, defaults.SyncCron),
            ReconcileCron = read.Cron(SettingNames.ReconcileCron, defaults.ReconcileCron),
            TimeZone = read.Zone(SettingNames.TimeZone, DefaultTimeZone),
            OverlapHours = read.Whole(NumericSettings.OverlapHours),
            ReconcileDays = read.Whole(NumericSettings.ReconcileDays),
            ReconcileFullDays = read.Whole(NumericSettings.ReconcileFullDays),
            StateDbPath = read.FilePath(SettingNames.StateDbPath, paths.DefaultStateDbPath),
            ConfigPath = sources.ConfigPath,
            LogLevel = read.LogLevel(SettingNames.LogLevel, defaults.LogLevel),
            LockTimeoutSeconds = read.Number(NumericSettings.LockTimeout),
        };
    }

    /// <summary>
    /// The raw text of every config.toml setting that parameters, the environment or the config file set (defaults
    /// left out), as <see cref="Load"/> would read it; for writing a config file that resolves the same way.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RawValues(IReadOnlyDictionary<string, string?> overrides, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var sources = SettingSources.Create(overrides, environment, new TrackerPaths(environment));
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SettingNames.FileSettable)
        {
            if (sources.Get(name) is { } value)
            {
                values[name] = value;
            }
        }

        return values;
    }

    /// <summary>Parses one kind of value each, naming the setting in every error.</summary>
    private sealed class SettingReader(SettingSources sources, IReadOnlyDictionary<NumericSetting, double> numbers)
    {
        private static readonly string[] LogLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];

        public string? Text(string name) => sources.Get(name)?.Trim();

        public Uri? HttpUrl(string name)
        {
            var raw = Text(name);
            if (raw is null)
            {
                return null;
            }

            if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            // A parsed URL of the wrong scheme is shown without its user info, which may hold a password.
            throw Invalid(name, uri is null ? raw : SafeUrl.Show(uri), "an absolute http:// or https:// URL");
        }

        public int Whole(NumericSetting setting) => (int)numbers[setting];

        public double Number(NumericSetting setting) => numbers[setting];

        /// <summary>An absolute file path; a folder or an unusable path is refused here, before anything opens it.</summary>
        public string FilePath(string name, string fallback)
        {
            var raw = Text(name) ?? fallback;
            string full;
            try
            {
                full = Path.GetFullPath(raw);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw Invalid(name, raw, "the path of a file (it need not exist yet)");
            }

            return Directory.Exists(full)
                ? throw new ConfigurationException(name,
                    $"{name} names a folder, not a file: {full}. Point it at a file in that folder, e.g. {Path.Combine(full, "state.db")}.")
                : full;
        }

        public bool Flag(string name, bool fallback) => Text(name)?.ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            var raw => throw Invalid(name, raw, "true or false"),
        };

        public InfluxApiVersion InfluxApi(string name, InfluxApiVersion fallback) => Text(name)?.ToLowerInvariant() switch
        {
            null => fallback,
            "v2" => InfluxApiVersion.V2,
            "v1" => InfluxApiVersion.V1,
            var raw => throw Invalid(name, raw, "v2 (InfluxDB 2.x, 1.8+, Cloud) or v1 (InfluxDB 1.x)"),
        };

        public string Cron(string name, string fallback)
        {
            var raw = Text(name) ?? fallback;
            try
            {
                CronExpression.Parse(raw, raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
                return raw;
            }
            catch (CronFormatException ex)
            {
                throw new ConfigurationException(name, $"Invalid cron expression for {name}: '{raw}' ({ex.Message}). Use five fields, e.g. '0 6,18 * * *'.");
            }
        }

        public TimeZoneInfo Zone(string name, string fallback)
        {
            var raw = Text(name) ?? fallback;
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(raw);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new ConfigurationException(name, $"Invalid IANA time zone for {name}: '{raw}'. Use a name such as Europe/Berlin or America/New_York.");
            }
        }

        public string LogLevel(string name, string fallback)
        {
            var raw = Text(name)?.ToUpperInvariant() ?? fallback;
            return LogLevels.Contains(raw) ? raw : throw Invalid(name, raw, string.Join(", ", LogLevels));
        }

        private static ConfigurationException Invalid(string name, string raw, string expected)
            => new(name, $"Invalid value for {name}: '{raw}'. Expected {expected}.");
    }
}
