using System.Reflection;
using TraktTracker.Config;
using TraktTracker.Retrying;

namespace TraktTracker.Trakt;

/// <summary>How the Trakt client talks to Trakt. <see cref="From"/> builds it from the resolved settings.</summary>
public sealed record TraktClientOptions
{
    public Uri ApiUrl { get; init; } = new("https://api.trakt.tv");

    /// <summary>Where <c>/oauth/*</c> lives: <c>https://auth.trakt.tv</c> since 2026.</summary>
    public Uri AuthUrl { get; init; } = new("https://auth.trakt.tv");

    public string ClientId { get; init; } = "";

    public string? ClientSecret { get; init; }

    /// <summary>Retries after the first attempt for 429, 5xx, network errors and broken bodies.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Added to every <c>Retry-After</c>, so the retry lands after the window really reopened.</summary>
    public double RetryAfterMarginSeconds { get; init; } = 0.9;

    /// <summary>
    /// A server asking to wait longer than this (e.g. a Cloudflare ban's <c>Retry-After: 300</c>) is not waited
    /// for: the call fails at once with advice, rather than stalling a scheduled run.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>GETs sent at most within any <see cref="RateWindow"/> (TRAKT_GET_LIMIT), counted by the client itself.</summary>
    public int GetLimit { get; init; } = 500;

    /// <summary>Trakt's rate-limit period: 5 minutes. Not a setting; tests shorten it.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Time limit of one request (TRAKT_REQUEST_TIMEOUT_SECONDS): no answer by then counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one request may keep failing, attempts and back-off together (TRAKT_RETRY_BUDGET_SECONDS); waits
    /// Trakt asks for with <c>Retry-After</c> come on top.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Request starts are spaced at least this far apart (0: no spacing).</summary>
    public double MinRequestIntervalSeconds { get; init; }

    /// <summary>Trakt requires a descriptive User-Agent; Cloudflare blocks requests without one.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>History pages fetched at once after page 1 revealed the page count.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>First backoff step for retries without <c>Retry-After</c> (grows exponentially, with jitter).</summary>
    public TimeSpan? RetryBaseDelay { get; init; }

    /// <summary>Added to the device-poll interval on 429 "slow down" (RFC 8628 convention: 5 s).</summary>
    public TimeSpan DeviceSlowDownStep { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Refresh the access token when it expires within this margin, so it cannot expire mid-run.</summary>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a refresh-token exchange may take, retries included. It is not cut short by a stop request (the
    /// single-use token may already be spent), so this also bounds how long a stop waits for it.
    /// </summary>
    public TimeSpan TokenExchangeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    internal RetryPolicy Retry => new()
    {
        MaxRetries = MaxRetries,
        RequestTimeout = RequestTimeout,
        Budget = RetryBudget,
        BaseDelay = RetryBaseDelay ?? TimeSpan.FromSeconds(2),
        MaxRetryAfter = MaxRetryAfter,
        RetryAfterMargin = TimeSpan.FromSeconds(RetryAfterMarginSeconds),
        Time = Time,
    };

    public static string DefaultUserAgent { get; } =
        $"TraktTracker/{ProductVersion()} (+https://github.com/trakt-tracker; self-hosted history sync)";

    /// <summary>The client options from resolved settings; throws <see cref="ConfigurationException"/> without app credentials.</summary>
    public static TraktClientOptions From(TrackerSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.RequireTraktClient();
        return new TraktClientOptions
        {
            ApiUrl = s.TraktApiUrl,
            AuthUrl = s.TraktAuthUrl,
            ClientId = s.TraktClientId!,
            ClientSecret = s.TraktClientSecret,
            MaxRetries = s.TraktMaxRetries,
            RetryAfterMarginSeconds = s.TraktRetryAfterMarginSeconds,
            MinRequestIntervalSeconds = s.TraktMinRequestIntervalSeconds,
            GetLimit = s.TraktGetLimit,
            RequestTimeout = TimeSpan.FromSeconds(s.TraktRequestTimeoutSeconds),
            RetryBudget = TimeSpan.FromSeconds(s.TraktRetryBudgetSeconds),
        };
    }

    /// <summary>Records print every member by default; the client secret must never be printed.</summary>
    public override string ToString() =>
        $"TraktClientOptions {{ ApiUrl = {ApiUrl}, AuthUrl = {AuthUrl}, ClientId = {ClientId}, " +
        $"ClientSecret = {(ClientSecret is null ? "(none)" : "***")}, MaxRetries = {MaxRetries}, " +
        $"GetLimit = {GetLimit}, RequestTimeout = {RequestTimeout}, RetryBudget = {RetryBudget}, MinRequestIntervalSeconds = {MinRequestIntervalSeconds}, MaxConcurrency = {MaxConcurrency} }}";

    private static string ProductVersion()
    {
        var assembly = typeof(TraktClientOptions).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop the "+commit" build metadata the SDK appends; the UA should stay short and stable.
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
