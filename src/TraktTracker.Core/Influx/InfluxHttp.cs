using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace TraktTracker.Influx;

/// <summary>
/// The HTTP side both writers share: one pooled client, authentication, retries on 429/5xx/network errors
/// (Retry-After first, else exponential backoff with jitter), and scrubbing of secrets from anything shown.
/// </summary>
internal sealed class InfluxHttp : IDisposable
{
    private readonly HttpClient client;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly IReadOnlyList<string> secrets;
    private readonly ResiliencePipeline<InfluxResponse> retrying;
    private readonly InfluxWriterOptions options;

    public InfluxHttp(Uri url, InfluxWriterOptions options, AuthenticationHeaderValue? authorization, IEnumerable<string?> secrets, IRunReporter reporter)
    {
        BaseUrl = WithoutCredentials(url);
        this.options = options;
        this.authorization = authorization;
        this.secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = options.RequestTimeout,
        };
        retrying = BuildRetryPipeline(options, reporter);
    }

    /// <summary>The server's base URL with any user:password removed and a trailing slash: safe to show.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Sends a request (rebuilt for every attempt) and reads the whole answer. Network failures that outlast the
    /// retries become <see cref="InfluxFailure.Unreachable"/>; HTTP errors are returned for the caller to explain.
    /// </summary>
    public async Task<InfluxResponse> SendAsync(HttpMethod method, string relativeUri, Func<HttpContent>? content, bool retry, string what, CancellationToken ct)
    {
        try
        {
            var pipeline = retry ? retrying : ResiliencePipeline<InfluxResponse>.Empty;
            return await pipeline.ExecuteAsync(
                async token => await SendOnceAsync(method, relativeUri, content, token).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsNetworkFailure(e, ct))
        {
            var reason = e is TaskCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s" : Scrub(e.Message);
            throw new InfluxException(
                InfluxFailure.Unreachable,
                $"Cannot reach InfluxDB at {BaseUrl} while {what}: {reason}. Check INFLUX_URL and that InfluxDB is running and reachable from here.",
                inner: null);
        }
    }

    /// <summary>Removes every configured secret from text that came from outside (server answers, exception messages).</summary>
    public string Scrub(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    public void Dispose() => client.Dispose();

    private static bool IsNetworkFailure(Exception e, CancellationToken ct)
        => e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private static Uri WithoutCredentials(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? TimeSpan.FromTicks(Math.Max(0, (date - DateTimeOffset.UtcNow).Ticks)) : null;
    }

    private static ResiliencePipeline<InfluxResponse> BuildRetryPipeline(InfluxWriterOptions options, IRunReporter reporter)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline<InfluxResponse>.Empty;
        }

        return new ResiliencePipelineBuilder<InfluxResponse>()
            .AddRetry(new RetryStrategyOptions<InfluxResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                        ? IsNetworkFailure(e, args.Context.CancellationToken)
                        : args.Outcome.Result is { IsTransient: true } r && !(r.RetryAfter > options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var cause = args.Outcome.Result is { } r ? $"HTTP {r.Status}" : args.Outcome.Exception?.GetType().Name;
                    reporter.Verbose($"InfluxDB answered {cause}; retry {args.AttemptNumber + 1} of {options.MaxRetries} in {args.RetryDelay.TotalSeconds:0.###} s.");
                    return default;
                },
            })
            .Build();
    }

    private async Task<InfluxResponse> SendOnceAsync(HttpMethod method, string relativeUri, Func<HttpContent>? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, relativeUri)) { Content = content?.Invoke() };
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return new InfluxResponse(
            (int)response.StatusCode,
            body,
            Header(response, "X-Influxdb-Version"),
            Header(response, "X-Influxdb-Error"),
            RetryAfter(response));
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
