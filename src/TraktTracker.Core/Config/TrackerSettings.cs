namespace TraktTracker.Config;

/// <summary>Which InfluxDB HTTP API to speak.</summary>
public enum InfluxApiVersion
{
    /// <summary>/api/v2/write and /api/v2/delete: InfluxDB 2.x, 1.8+ and Cloud.</summary>
    V2,

    /// <summary>/write and InfluxQL DELETE: InfluxDB 1.x.</summary>
    V1,
}

/// <summary>
/// Every setting of the tool, resolved. Names mirror the environment variables of the
/// reference tool; <see cref="SettingsLoader"/> fills this from parameters, environment, config.toml and defaults.
/// </summary>
public sealed record TrackerSettings
{
    public string? TraktClientId { get; init; }
    public string? TraktClientSecret { get; init; }
    public string? TraktRefreshToken { get; init; }
    public string? TraktAuthCode { get; init; }
    public Uri TraktApiUrl { get; init; } = new("https://api.trakt.tv");
    public Uri TraktAuthUrl { get; init; } = new("https://auth.trakt.tv");
    public int TraktMaxRetries { get; init; } = (int)NumericSettings.TraktMaxRetries.Default;
    public double TraktRetryAfterMarginSeconds { get; init; } = NumericSettings.TraktRetryAfterMargin.Default;
    public double TraktMinRequestIntervalSeconds { get; init; } = NumericSettings.TraktMinRequestInterval.Default;

    /// <summary>GETs the client sends at most in any 5 minutes, whether or not Trakt sends rate headers.</summary>
    public int TraktGetLimit { get; init; } = (int)NumericSettings.TraktGetLimit.Default;

    /// <summary>Time limit of one Trakt request.</summary>
    public double TraktRequestTimeoutSeconds { get; init; } = NumericSettings.TraktRequestTimeout.Default;

    /// <summary>How long one Trakt request may keep failing and being retried (Retry-After waits come on top).</summary>
    public double TraktRetryBudgetSeconds { get; init; } = NumericSettings.TraktRetryBudget.Default;

    public bool EnableInflux { get; init; }
    public InfluxApiVersion InfluxApi { get; init; } = InfluxApiVersion.V2;
    public Uri? InfluxUrl { get; init; }
    public string? InfluxToken { get; init; }
    public string? InfluxOrg { get; init; }
    public string? InfluxUsername { get; init; }
    public string? InfluxPassword { get; init; }
    public string InfluxBucketRaw { get; init; } = "trakt_raw";
    public string InfluxBucketAgg { get; init; } = "trakt_agg";

    /// <summary>How long one InfluxDB request may keep failing and being retried before the run fails (days stay pending).</summary>
    public double InfluxRetryBudgetSeconds { get; init; } = NumericSettings.InfluxRetryBudget.Default;

    public string SyncCron { get; init; } = "0 6,18 * * *";
    public string ReconcileCron { get; init; } = "30 3 * * *";
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public int OverlapHours { get; init; } = (int)NumericSettings.OverlapHours.Default;
    public int ReconcileDays { get; init; } = (int)NumericSettings.ReconcileDays.Default;

    /// <summary>
    /// A reconcile diffs the whole history when the last whole-history diff is older than this many days (0: only
    /// on request): count-neutral changes outside the rolling window are caught without anyone remembering -Full.
    /// </summary>
    public int ReconcileFullDays { get; init; } = (int)NumericSettings.ReconcileFullDays.Default;

    public string StateDbPath { get; init; } = "";
    public string? ConfigPath { get; init; }
    public string LogLevel { get; init; } = "INFO";

    /// <summary>How long a run waits for another run on the same state store before failing (one run at a time).</summary>
    public double LockTimeoutSeconds { get; init; } = NumericSettings.LockTimeout.Default;

    /// <summary>Records print every member by default; secrets must never reach output or logs.</summary>
    public override string ToString()
        => $"TrackerSettings {{ TraktApiUrl = {SafeUrl.Show(TraktApiUrl)}, InfluxUrl = {SafeUrl.Show(InfluxUrl)}, InfluxApi = {InfluxApi}, " +
           $"EnableInflux = {EnableInflux}, TimeZone = {TimeZone.Id}, StateDbPath = {StateDbPath} }}";
}
