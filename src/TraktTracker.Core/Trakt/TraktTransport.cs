using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using TraktTracker.Config;
using TraktTracker.Retrying;

namespace TraktTracker.Trakt;

/// <summary>
/// Sends one Trakt call with the required headers, the request spacing, the GET budget and bounded retries
/// (<see cref="BoundedRetry{T}"/>), reads the whole body inside the attempt (so a cut-off body is retried too) and
/// turns failures into clear exceptions.
/// </summary>
internal sealed class TraktTransport : IDisposable
{
    private const string WaitActivity = "Waiting for Trakt";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly string RetrySettings = $"{SettingNames.TraktMaxRetries}, {SettingNames.TraktRetryBudget}, {SettingNames.TraktRequestTimeout}";
    private readonly TraktClientOptions _options;
    private readonly HttpClient _http;
    private readonly RequestThrottle _throttle;
    private readonly RateBudget _budget;
    private readonly ResponseFailures _failures;
    private readonly BoundedRetry<TraktResponse> _retry;
    private int _apiCalls;

    public TraktTransport(TraktClientOptions options, IRunReporter reporter, SecretScrubber scrubber, HttpMessageHandler? handler)
    {
        _options = options;
        // Each attempt carries its own time limit (TRAKT_REQUEST_TIMEOUT_SECONDS); HttpClient's 100 s would only add a second one.
        _http = handler is null ? new HttpClient(CreateHandler()) : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _throttle = new RequestThrottle(TimeSpan.FromSeconds(options.MinRequestIntervalSeconds), options.Time);
        _budget = new RateBudget(options.GetLimit, options.RateWindow, options.Time, reporter, WaitActivity);
        _failures = new ResponseFailures(scrubber, options.Time);
        _retry = new BoundedRetry<TraktResponse>(options.Retry, reporter, WaitActivity, Retryable);
    }

    /// <summary>
    /// Asks for compressed answers (Trakt's edge sends gzip or Brotli when asked): a history page of 250 plays with
    /// full metadata shrinks to about a tenth, which is most of a backfill's time on a slow line.
    /// </summary>
    internal static SocketsHttpHandler CreateHandler() => new() { AutomaticDecompression = DecompressionMethods.All };

    /// <summary>Every HTTP request sent, retries and OAuth calls (token refreshes) included.</summary>
    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public async Task<TraktResponse> SendAsync(TraktCall call, CancellationToken ct)
    {
        BoundedRetry<TraktResponse>.Attempts? tried = null;
        try
        {
            return await _retry.ExecuteAsync($"Trakt {call.Endpoint}", (attempts, token) =>
            {
                tried = attempts;
                return ExchangeAsync(call, attempts, token);
            }, ct);
        }
        catch (TransientTraktException transient)
        {
            throw transient.Failure.WithNote(tried!.Summary(RetrySettings));
        }
    }

    public void Dispose() => _http.Dispose();

    private static RetryReason? Retryable(Outcome<TraktResponse> outcome, CancellationToken ct) =>
        outcome.Exception is TransientTraktException transient ? new RetryReason(transient.Message, transient.RetryAfter) : null;

    private async Task<TraktResponse> ExchangeAsync(TraktCall call, BoundedRetry<TraktResponse>.Attempts attempts, CancellationToken ct)
    {
        await _throttle.WaitTurnAsync(ct);
        if (call.Method != HttpMethod.Get)
        {
            return await AttemptAsync(call, attempts, ct);
        }

        // GETs share Trakt's 5-minute budget: wait for it rather than draw 429s.
        await _budget.WaitTurnAsync(ct);
        RateWindow? window = null;
        try
        {
            return await AttemptAsync(call, attempts, ct, headers => window = RateBudget.Read(headers));
        }
        catch (TransientTraktException limited) when (limited.RetryAfter is not null)
        {
            // Trakt or Cloudflare said when to come back: every GET waits, not only this one.
            _budget.Hold(limited.RetryAfter.Value + _options.Retry.RetryAfterMargin, limited.Message);
            throw;
        }
        finally
        {
            _budget.Observe(window);
        }
    }

    private async Task<TraktResponse> AttemptAsync(TraktCall call, BoundedRetry<TraktResponse>.Attempts attempts, CancellationToken ct,
        Action<HttpResponseHeaders>? onHeaders = null)
    {
        using var timer = attempts.Begin(ct);
        try
        {
            return await SendOnceAsync(call, timer.Token, onHeaders);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && timer.TimedOut(ex))
        {
            throw _failures.Network(call, $"no answer within {timer.Limit.TotalSeconds:0.#} s", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            throw _failures.Network(call, $"network error: {ex.GetBaseException().Message}", ex);
        }
    }

    private async Task<TraktResponse> SendOnceAsync(TraktCall call, CancellationToken ct, Action<HttpResponseHeaders>? onHeaders)
    {
        using var request = BuildRequest(call);
        Interlocked.Increment(ref _apiCalls);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        onHeaders?.Invoke(response.Headers);
        // Bytes, not a string: JSON parses from UTF-8 directly, and a 250-play page is no second, twice-as-large copy.
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var status = (int)response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            return new TraktResponse(status, response.Headers, ParseSuccessBody(body, call, status), call.Endpoint);
        }

        if (call.Expects(status))
        {
            return new TraktResponse(status, response.Headers, TryParse(body), call.Endpoint);
        }

        throw _failures.For(response, Encoding.UTF8.GetString(body), call.Endpoint, authorized: call.BearerToken is not null);
    }

    private HttpRequestMessage BuildRequest(TraktCall call)
    {
        var request = new HttpRequestMessage(call.Method, new Uri(call.BaseUrl.AbsoluteUri.TrimEnd('/') + call.PathAndQuery));
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.Add("trakt-api-key", _options.ClientId);
        request.Headers.Add("trakt-api-version", "2");
        if (call.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // Trakt wants application/json on every request, GETs included.
        request.Content = call.Body is null ? new ByteArrayContent([]) : new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(call.Body));
        request.Content.Headers.ContentType = Json;
        return request;
    }

    private JsonElement? ParseSuccessBody(byte[] body, TraktCall call, int status)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            // Not disposed, not cloned: the document reads the body array in place and lives as long as the answer;
            // a clone would copy every page once more. Only its small token index is not returned to the pool.
            return JsonDocument.Parse(WithoutBom(body)).RootElement;
        }
        catch (JsonException ex)
        {
            throw _failures.BrokenBody(call.Endpoint, status, ex);
        }
    }

    /// <summary>Bodies of expected non-2xx answers are optional (device-poll 400 has none).</summary>
    private static JsonElement? TryParse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(WithoutBom(body));
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A decoded string would have lost a UTF-8 byte order mark; the JSON reader does not skip it.</summary>
    private static ReadOnlyMemory<byte> WithoutBom(byte[] body) =>
        body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? body.AsMemory(Encoding.UTF8.Preamble.Length) : body;
}
