using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace TraktTracker.Trakt;

/// <summary>
/// Sends one Trakt call with the required headers, the request spacing and bounded retries (Polly), reads the
/// whole body inside the attempt (so a cut-off body is retried too) and turns failures into clear exceptions.
/// </summary>
internal sealed class TraktTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly TraktClientOptions _options;
    private readonly IRunReporter _reporter;
    private readonly HttpClient _http;
    private readonly RequestThrottle _throttle;
    private readonly RateBudget _budget;
    private readonly ResponseFailures _failures;
    private readonly ResiliencePipeline _pipeline;
    private int _apiCalls;

    public TraktTransport(TraktClientOptions options, IRunReporter reporter, SecretScrubber scrubber, HttpMessageHandler? handler)
    {
        _options = options;
        _reporter = reporter;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _throttle = new RequestThrottle(TimeSpan.FromSeconds(options.MinRequestIntervalSeconds), options.Time);
        _budget = new RateBudget(options.Time, reporter);
        _failures = new ResponseFailures(options.MaxRetries, scrubber, options.Time);
        _pipeline = BuildPipeline();
    }

    /// <summary>Every HTTP request sent, retries included.</summary>
    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public async Task<TraktResponse> SendAsync(TraktCall call, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, token) => state.self.AttemptAsync(state.call, token), (self: this, call), ct);
        }
        catch (TransientTraktException transient)
        {
            throw transient.Failure;
        }
    }

    public void Dispose() => _http.Dispose();

    private async ValueTask<TraktResponse> AttemptAsync(TraktCall call, CancellationToken ct)
    {
        try
        {
            return await ExchangeAsync(call, ct);
        }
        catch (Exception ex) when (IsNetworkFailure(ex, ct))
        {
            throw _failures.Network(call, ex);
        }
    }

    private async Task<TraktResponse> ExchangeAsync(TraktCall call, CancellationToken ct)
    {
        await _throttle.WaitTurnAsync(ct);
        if (call.Method != HttpMethod.Get)
        {
            return await SendOnceAsync(call, ct);
        }

        // GETs share Trakt's 5-minute budget: wait for it rather than draw 429s.
        await _budget.WaitTurnAsync(ct);
        RateWindow? window = null;
        try
        {
            return await SendOnceAsync(call, ct, headers => window = RateBudget.Read(headers));
        }
        finally
        {
            _budget.Observe(window);
        }
    }

    private async Task<TraktResponse> SendOnceAsync(TraktCall call, CancellationToken ct, Action<HttpResponseHeaders>? onHeaders = null)
    {
        using var request = BuildRequest(call);
        Interlocked.Increment(ref _apiCalls);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        onHeaders?.Invoke(response.Headers);
        var body = await response.Content.ReadAsStringAsync(ct);
        var status = (int)response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            return new TraktResponse(status, response.Headers, ParseSuccessBody(body, call, status), call.Endpoint);
        }

        if (call.Expects(status))
        {
            return new TraktResponse(status, response.Headers, TryParse(body), call.Endpoint);
        }

        throw _failures.For(response, body, call.Endpoint, authorized: call.BearerToken is not null);
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

    private JsonElement? ParseSuccessBody(string body, TraktCall call, int status)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw _failures.BrokenBody(call.Endpoint, status, ex);
        }
    }

    /// <summary>Bodies of expected non-2xx answers are optional (device-poll 400 has none).</summary>
    private static JsonElement? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private ResiliencePipeline BuildPipeline()
    {
        if (_options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var margin = TimeSpan.FromSeconds(_options.RetryAfterMarginSeconds);
        return new ResiliencePipelineBuilder { TimeProvider = _options.Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.EffectiveRetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(2),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientTraktException transient && !(transient.RetryAfter > _options.MaxRetryAfter)),
                // Retry-After wins when the server sent one; otherwise exponential backoff with jitter.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientTraktException { RetryAfter: { } after } ? after + margin : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var failure = (TransientTraktException)args.Outcome.Exception!;
                    _reporter.Verbose($"Trakt request {failure.Failure.Endpoint} failed ({failure.Message}); " +
                                      $"retry {args.AttemptNumber + 1}/{_options.MaxRetries} in {args.RetryDelay.TotalSeconds:0.0} s.");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>No answer, a reset connection, a cut-off body or a timeout (cancellation the caller did not ask for).</summary>
    private static bool IsNetworkFailure(Exception? ex, CancellationToken ct) =>
        ex is HttpRequestException or IOException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);
}
