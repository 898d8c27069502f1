using System.Net.Http.Headers;
using System.Text.Json;

namespace TraktTracker.Trakt;

/// <summary>What one <c>X-Ratelimit</c> header said: calls left in the window and when it reopens.</summary>
internal readonly record struct RateWindow(int Remaining, DateTimeOffset Until);

/// <summary>
/// Keeps concurrent requests inside Trakt's GET budget (500 per 5 minutes) instead of running
/// into 429s: it reads <c>X-Ratelimit</c> from every answer, counts the requests sent since, and holds new
/// requests until the window reopens once the budget is spent. Without the header it never waits (429 handling
/// still applies).
/// </summary>
internal sealed class RateBudget(TimeProvider time, IRunReporter reporter)
{
    /// <summary><c>until</c> comes truncated to the second: waking at it would be up to a second early.</summary>
    private static readonly TimeSpan UntilPrecision = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private int? _remaining;
    private DateTimeOffset _until;
    private int _inFlight;

    public async Task WaitTurnAsync(CancellationToken ct)
    {
        var (wait, until) = Reserve();
        if (wait > TimeSpan.Zero)
        {
            reporter.Verbose($"Trakt's request budget is spent until {until:u}; waiting {wait.TotalSeconds:0} s rather than running into 429s.");
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
            lock (_gate) _remaining = null;
            Reserve();
        }
    }

    /// <summary>Called once per sent request, after its answer (or failure, with no window).</summary>
    public void Observe(RateWindow? window)
    {
        lock (_gate)
        {
            _inFlight--;
            if (window is { } header)
            {
                Apply(header.Remaining - _inFlight, header.Until + UntilPrecision);
            }
        }
    }

    /// <summary>
    /// Requests still in flight were counted after this answer's figure, so they are subtracted. Answers arrive out
    /// of order: within one window the lowest figure is the truest; a later <c>until</c> starts a new window.
    /// </summary>
    private void Apply(int remaining, DateTimeOffset until)
    {
        if (until > _until || _remaining is null)
        {
            _remaining = remaining;
            _until = until;
        }
        else if (until == _until)
        {
            _remaining = Math.Min(_remaining.Value, remaining);
        }
    }

    /// <summary>Counts a request about to start, or says how long to wait (and until when) when the budget is spent.</summary>
    private (TimeSpan Wait, DateTimeOffset Until) Reserve()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_remaining <= 0 && _until > now)
            {
                return (_until - now, _until);
            }

            _remaining--;
            _inFlight++;
            return (TimeSpan.Zero, _until);
        }
    }

    public static RateWindow? Read(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("X-Ratelimit", out var values))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(values.First());
            var root = json.RootElement;
            return root.TryGetProperty("remaining", out var remaining) && root.TryGetProperty("until", out var until)
                ? new RateWindow(remaining.GetInt32(), until.GetDateTimeOffset())
                : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null; // a debugging header: a malformed one is ignored, never fatal
        }
    }
}
