namespace TraktTracker.Simulator;

/// <summary>
/// Knobs of the simulated Trakt. Mutable while the server runs: every request reads the current values,
/// so a test can, say, lower <see cref="GetLimit"/> between two calls.
/// </summary>
public sealed class SimulatorOptions
{
    public string ClientId { get; set; } = "sim-client-id";

    public string ClientSecret { get; set; } = "sim-client-secret";

    /// <summary>Added to every request before it is handled (benchmarks use 150 ms to model the internet).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>GETs allowed per access token within <see cref="RatePeriod"/> (AUTHED_API_GET_LIMIT).</summary>
    public int GetLimit { get; set; } = 500;

    public TimeSpan RatePeriod { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// When true, every counted GET's answer carries <c>X-Ratelimit</c>, as older client tests modelled Trakt. False
    /// (the default, like the live API in 2026): only the limiter's 429s carry it.
    /// </summary>
    public bool RateLimitHeaderOnEveryAnswer { get; set; }

    /// <summary>The <c>Retry-After</c> value that API 429s carry (tests use 1).</summary>
    public int RetryAfterSeconds { get; set; } = 10;

    /// <summary>When true, more than one POST per second per token gets a 429 (AUTHED_API_POST_LIMIT).</summary>
    public bool EnforcePostLimit { get; set; }

    /// <summary>The <c>expires_in</c> of issued access tokens (7 days per the 2026 docs).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far Trakt's clock is ahead of the local one (negative: behind). Shows in the <c>created_at</c> of token
    /// answers; the simulator's own expiry checks are unaffected.
    /// </summary>
    public TimeSpan ClockSkew { get; set; }

    /// <summary>
    /// How long a refresh grant's answer takes after the pair was rotated: the window in which a client that gives
    /// up on the request loses the session (the old refresh token is already dead, the new one not yet delivered).
    /// </summary>
    public TimeSpan RefreshAnswerDelay { get; set; }

    /// <summary>
    /// When true (Trakt's rule), a refresh also kills the access token of the pair it replaces,
    /// so a client that keeps using its old access token sees 401.
    /// </summary>
    public bool RefreshRevokesOldAccessToken { get; set; } = true;

    /// <summary>Requests without a User-Agent get Cloudflare's 403 HTML page (no <c>x-runtime</c>).</summary>
    public bool RequireUserAgent { get; set; } = true;

    /// <summary>Page size when <c>limit</c> is omitted (measured 100 in 2026).</summary>
    public int DefaultLimit { get; set; } = 100;

    /// <summary>Larger <c>limit</c> values are clamped silently to this (250 since 2026-06-15).</summary>
    public int MaxLimit { get; set; } = 250;

    /// <summary>
    /// <c>last_activities</c> in whole seconds, as Trakt reports them (default): a change in the second a client
    /// read them leaves them unchanged. Off: milliseconds, strictly increasing with every change.
    /// </summary>
    public bool WholeSecondActivities { get; set; } = true;

    /// <summary>What <c>/users/settings</c> reports.</summary>
    public string Username { get; set; } = "sim-user";

    public bool Vip { get; set; }

    public string Timezone { get; set; } = "Europe/Berlin";
}
