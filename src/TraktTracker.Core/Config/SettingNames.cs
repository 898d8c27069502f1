namespace TraktTracker.Config;

/// <summary>The setting names: the reference tool's environment variables plus the ones TraktTracker added.</summary>
public static class SettingNames
{
    public const string TraktClientId = "TRAKT_CLIENT_ID";
    public const string TraktClientSecret = "TRAKT_CLIENT_SECRET";
    public const string TraktRefreshToken = "TRAKT_REFRESH_TOKEN";
    public const string TraktAuthCode = "TRAKT_AUTH_CODE";
    public const string TraktApiUrl = "TRAKT_API_URL";
    public const string TraktAuthUrl = "TRAKT_AUTH_URL";
    public const string TraktMaxRetries = "TRAKT_MAX_RETRIES";
    public const string TraktRetryAfterMargin = "TRAKT_RETRY_AFTER_MARGIN";
    public const string TraktMinRequestInterval = "TRAKT_MIN_REQUEST_INTERVAL_SECONDS";
    public const string TraktGetLimit = "TRAKT_GET_LIMIT";
    public const string TraktRequestTimeout = "TRAKT_REQUEST_TIMEOUT_SECONDS";
    public const string TraktRetryBudget = "TRAKT_RETRY_BUDGET_SECONDS";
    public const string EnableInflux = "ENABLE_INFLUX";
    public const string InfluxApi = "INFLUX_API";
    public const string InfluxUrl = "INFLUX_URL";
    public const string InfluxToken = "INFLUX_TOKEN";
    public const string InfluxOrg = "INFLUX_ORG";
    public const string InfluxUsername = "INFLUX_USERNAME";
    public const string InfluxPassword = "INFLUX_PASSWORD";
    public const string InfluxBucketRaw = "INFLUX_BUCKET_RAW";
    public const string InfluxBucketAgg = "INFLUX_BUCKET_AGG";
    public const string InfluxRetryBudget = "INFLUX_RETRY_BUDGET_SECONDS";
    public const string SyncCron = "SYNC_CRON";
    public const string ReconcileCron = "RECONCILE_CRON";
    public const string TimeZone = "TIMEZONE";
    public const string OverlapHours = "OVERLAP_HOURS";
    public const string ReconcileDays = "RECONCILE_DAYS";
    public const string ReconcileFullDays = "RECONCILE_FULL_DAYS";
    public const string StateDbPath = "STATE_DB_PATH";
    public const string ConfigPath = "CONFIG_PATH";
    public const string LogLevel = "LOG_LEVEL";
    public const string LockTimeout = "LOCK_TIMEOUT_SECONDS";

    /// <summary>Every name config.toml may set (CONFIG_PATH itself cannot live inside the file).</summary>
    public static readonly IReadOnlySet<string> FileSettable = new HashSet<string>(StringComparer.Ordinal)
    {
        TraktClientId, TraktClientSecret, TraktRefreshToken, TraktAuthCode, TraktApiUrl, TraktAuthUrl,
        TraktMaxRetries, TraktRetryAfterMargin, TraktMinRequestInterval, TraktGetLimit, TraktRequestTimeout, TraktRetryBudget,
        EnableInflux, InfluxApi, InfluxUrl, InfluxToken, InfluxOrg, InfluxUsername, InfluxPassword, InfluxBucketRaw,
        InfluxBucketAgg, InfluxRetryBudget, SyncCron,
        ReconcileCron, TimeZone, OverlapHours, ReconcileDays, ReconcileFullDays, StateDbPath, LogLevel, LockTimeout,
    };
}
