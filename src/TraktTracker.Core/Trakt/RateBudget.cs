using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using TraktTracker.Config;

namespace TraktTracker.Trakt;

/// <summary>What one <c>X-Ratelimit</c> header said: calls left in the window and when it reopens.</summary>
internal readonly record struct RateWindow(int Remaining, DateTimeOffset Until);

/// <summary>
/// Keeps GETs inside Trakt's budget (500 per 5 minutes) instead of running into 429s or a Cloudflare ban. The client
/// counts its own GETs: at most <c>limit</c> in any <c>window</c>, each counted from when its answer arrived (Trakt
/// counted it no later), in-flight ones included. Real Trakt answers rarely carry <c>X-Ratelimit</c>; when one does,
/// the stricter of the two counts wins. A server's <c>Retry-After</c> holds every GET (<see cref="Hold"/>).
/// </summary>
internal sealed class RateBudget(int limit, TimeSpan window, TimeProvider time, IRunReporter reporter, string activity)
{
    /// <summary><c>until</c> comes truncated to the second: waking at it would be up to a second early.</summary>
    private static readonly TimeSpan UntilPrecision = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _answered = new();
    private int _inFlight;
    private TaskCompletionSource _nextAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _headerRemaining;
    private DateTimeOffset _headerUntil;
    private DateTimeOffset _heldUntil;
    private string _holdReason = "";
    private DateTimeOffset _shownUntil;

    /// <summary>Waits until a GET may start, and counts it.</summary>
    public async Task WaitTurnAsync(CancellationToken ct)
    {
        var waited = false;
        while (TryReserve() is { } pause)
        {
            waited = true;
            Show(pause);
            await pause.Wake.WaitAsync(ct).ConfigureAwait(false);
        }

        if (waited)
        {
            reporter.ProgressCompleted(activity);
        }
    }

    /// <summary>Called once per GET that <see cref="WaitTurnAsync"/> let start, after its answer (or failure, with no window).</summary>
    public void Observe(RateWindow? header)
    {
        TaskCompletionSource answered;
        lock (_gate)
        {
            _inFlight--;
            _answered.Enqueue(time.GetUtcNow());
            if (header is { } h)
            {
                Apply(h.Remaining - _inFlight, h.Until + UntilPrecision);
            }

            answered = _nextAnswer;
            _nextAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        answered.TrySetResult();
    }

    /// <summary>Trakt or Cloudflare asked to wait (<c>Retry-After</c>): no GET starts before then.</summary>
    public void Hold(TimeSpan wait, string reason)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + wait;
            if (until > _heldUntil)
            {
                _heldUntil = until;
                _holdReason = $"Trakt asked to wait ({reason})";
            }
        }
    }

    /// <summary>
    /// Requests still in flight were counted after this answer's figure, so they are subtracted. Answers arrive out
    /// of order: within one window the lowest figure is the truest; a later <c>until</c> starts a new window.
    /// </summary>
    private void Apply(int remaining, DateTimeOffset until)
    {
        if (until > _headerUntil || _headerRemaining is null)
        {
            _headerRemaining = remaining;
            _headerUntil = until;
        }
        else if (until == _headerUntil)
        {
            _headerRemaining = Math.Min(_headerRemaining.Value, remaining);
        }
    }

    /// <summary>Counts a GET about to start, or says why and until when it must wait.</summary>
    private Pause? TryReserve()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_answered.TryPeek(out var oldest) && oldest + window <= now)
            {
                _answered.Dequeue();
            }

            if (_headerUntil <= now)
            {
                _headerRemaining = null;
            }

            if (_heldUntil > now)
            {
                return Sleep(_heldUntil, now, _holdReason);
            }

            if (_headerRemaining <= 0)
            {
                return Sleep(_headerUntil, now, "Trakt's X-Ratelimit header says its GET budget is spent");
            }

            if (_answered.Count + _inFlight >= limit)
            {
                var reason = $"{limit} GETs in {window.TotalSeconds:0} s sent ({SettingNames.TraktGetLimit})";
                return _answered.TryPeek(out var first)
                    ? Sleep(first + window, now, reason)
                    : new Pause(_nextAnswer.Task, null, reason); // all in flight: the first answer starts the clock
            }

            _inFlight++;
            _headerRemaining--;
            return null;
        }
    }

    private Pause Sleep(DateTimeOffset until, DateTimeOffset now, string reason) =>
        new(Task.Delay(until - now, time), until, reason);

    /// <summary>One line per pause, however many requests wait through it.</summary>
    private void Show(Pause pause)
    {
        if (pause.Until is not { } until)
        {
            return;
        }

        lock (_gate)
        {
            if (until <= _shownUntil)
            {
                return;
            }

            _shownUntil = until;
        }

        var wait = until - time.GetUtcNow();
        var at = time.GetLocalNow() + wait;
        var text = $"{pause.Reason}; waiting {wait.TotalSeconds:0.#} s, until {at.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}";
        reporter.Info($"Trakt GETs paused: {text}.");
        reporter.Progress(activity, text, -1);
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

    private sealed record Pause(Task Wake, DateTimeOffset? Until, string Reason);
}
