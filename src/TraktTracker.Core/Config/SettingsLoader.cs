using System.Collections;
using System.Globalization;
using Cronos;

namespace TraktTracker.Config;

/// <summary>
/// Resolves <see cref="TrackerSettings"/>: parameters / CLI flags → environment → config.toml → defaults
/// (product.md §4). Every bad value fails fast with a message that names the setting.
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
        var read = new SettingReader(sources);
        var defaults = new TrackerSettings();
        return new TrackerSettings
        {
            TraktClientId = read.Text(SettingNames.TraktClientId),
            TraktClientSecret = read.Text(SettingNames.TraktClientSecret),
            TraktRefreshToken = read.Text(SettingNames.TraktRefreshToken),
            TraktAuthCode = read.Text(SettingNames.TraktAuthCode),
            TraktApiUrl = read.HttpUrl(SettingNames.TraktApiUrl) ?? defaults.TraktApiUrl,
            TraktAuthUrl = read.HttpUrl(SettingNames.TraktAuthUrl) ?? defaults.TraktAuthUrl,
            TraktMaxRetries = read.Integer(SettingNames.TraktMaxRetries, defaults.TraktMaxRetries, min: 0),
            TraktRetryAfterMarginSeconds = read.Number(SettingNames.TraktRetryAfterMargin, defaults.TraktRetryAfterMarginSeconds),
            TraktMinRequestIntervalSeconds = read.Number(SettingNames.TraktMinRequestInterval, defaults.TraktMinRequestIntervalSeconds),
            TraktGetLimit = read.Integer(SettingNames.TraktGetLimit, defaults.TraktGetLimit, min: 1, max: 1000),
            TraktRequestTimeoutSeconds = read.Number(SettingNames.TraktRequestTimeout, defaults.TraktRequestTimeoutSeconds, min: 1, max: 600),
            TraktRetryBudgetSeconds = read.Number(SettingNames.TraktRetryBudget, defaults.TraktRetryBudgetSeconds, min: 1, max: 3600),
            EnableInflux = read.Flag(SettingNames.EnableInflux, defaults.EnableInflux),
            InfluxApi = read.InfluxApi(SettingNames.InfluxApi, defaults.InfluxApi),
            InfluxUrl = read.HttpUrl(SettingNames.InfluxUrl),
            InfluxToken = read.Text(SettingNames.InfluxToken),
            InfluxOrg = read.Text(SettingNames.InfluxOrg),
            InfluxUsername = read.Text(SettingNames.InfluxUsername),
            InfluxPassword = read.Text(SettingNames.InfluxPassword),
            InfluxBucketRaw = read.Text(SettingNames.InfluxBucketRaw) ?? defaults.InfluxBucketRaw,
            InfluxBucketAgg = read.Text(SettingNames.InfluxBucketAgg) ?? defaults.InfluxBucketAgg,
            InfluxRetryBudgetSeconds = read.Number(SettingNames.InfluxRetryBudget, defaults.InfluxRetryBudgetSeconds, min: 1, max: 3600),
            SyncCron = read.Cron(SettingNames.SyncCron, defaults.SyncCron),
            ReconcileCron = read.Cron(SettingNames.ReconcileCron, defaults.ReconcileCron),
            TimeZone = read.Zone(SettingNames.TimeZone, DefaultTimeZone),
            OverlapHours = read.Integer(SettingNames.OverlapHours, defaults.OverlapHours, min: 0),
            ReconcileDays = read.Integer(SettingNames.ReconcileDays, defaults.ReconcileDays, min: 1),
            ReconcileFullDays = read.Integer(SettingNames.ReconcileFullDays, defaults.ReconcileFullDays, min: 0),
            StateDbPath = Path.GetFullPath(read.Text(SettingNames.StateDbPath) ?? paths.DefaultStateDbPath),
            ConfigPath = sources.ConfigPath,
            LogLevel = read.LogLevel(SettingNames.LogLevel, defaults.LogLevel),
            LockTimeoutSeconds = read.Number(SettingNames.LockTimeout, defaults.LockTimeoutSeconds),
        };
    }

    /// <summary>Parses one kind of value each, naming the setting in every error.</summary>
    private sealed class SettingReader(SettingSources sources)
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

        public int Integer(string name, int fallback, int min, int max = int.MaxValue)
        {
            var raw = Text(name);
            if (raw is null)
            {
                return fallback;
            }

            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw Invalid(name, raw, max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}");
        }

        public double Number(string name, double fallback, double min = 0, double max = double.MaxValue)
        {
            var raw = Text(name);
            if (raw is null)
            {
                return fallback;
            }

            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max && double.IsFinite(value)
                ? value
                : throw Invalid(name, raw, max == double.MaxValue ? "a number of seconds, 0 or more (e.g. 0.9)" : $"a number of seconds from {min} to {max}");
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
