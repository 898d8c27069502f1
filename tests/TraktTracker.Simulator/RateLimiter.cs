namespace TraktTracker.Simulator;

/// <summary>The state of one rate-limit bucket after counting a request: what <c>X-Ratelimit</c> reports.</summary>
internal sealed record RateDecision(bool Allowed, string Name, int PeriodSeconds, int Limit, int Remaining, DateTimeOffset Until);

/// <summary>
/// Trakt's limiter: GETs per access token in a fixed window of
/// <see cref="SimulatorOptions.RatePeriod"/> (GETs without a token per client id and IP), and optionally one POST
/// per second. Refused requests do not count.
/// </summary>
internal sealed class RateLimiter(SimulatorOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Window> _getWindows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _postWindows = new(StringComparer.Ordinal);

    /// <summary>Counts a GET with a token (per user) or without one (per client id and IP).</summary>
    public RateDecision CountGet(string bucketKey, bool authed = true) =>
        Count(_getWindows, (authed ? "user:" : "client:") + bucketKey,
            authed ? "AUTHED_API_GET_LIMIT" : "UNAUTHED_API_GET_LIMIT", options.RatePeriod, options.GetLimit);

    public RateDecision CountPost(string bucketKey) =>
        Count(_postWindows, bucketKey, "AUTHED_API_POST_LIMIT", TimeSpan.FromSeconds(1), 1);

    private RateDecision Count(Dictionary<string, Window> windows, string key, string name, TimeSpan period, int limit)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (!windows.TryGetValue(key, out var window) || now >= window.Until)
            {
                window = new Window(now + period);
                windows[key] = window;
            }
            var allowed = window.Used < limit;
            if (allowed) window.Used++;
            return new RateDecision(allowed, name, (int)Math.Ceiling(period.TotalSeconds), limit,
                Math.Max(0, limit - window.Used), window.Until);
        }
    }

    private sealed class Window(DateTimeOffset until)
    {
        public DateTimeOffset Until { get; } = until;

        public int Used { get; set; }
    }
}
