using System.Net;
using System.Net.Http.Headers;
using Polly;
using TraktTracker.Config;
using TraktTracker.Retrying;

namespace TraktTracker.Influx;

/// <summary>
/// The HTTP side both writers share: one pooled client, authentication, bounded retries on 429/5xx/network errors
/// and timeouts (<see cref="BoundedRetry{T}"/>: Retry-After first, else exponential backoff with jitter, within
/// INFLUX_RETRY_BUDGET_SECONDS), and scrubbing of secrets from anything shown.
/// </summary>
internal sealed class InfluxHttp : IDisposable
{
    private readonly HttpClient client;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly IReadOnlyList<string> secrets;
    private const string WaitActivity = "Waiting for InfluxDB";
    private readonly BoundedRetry<InfluxResponse> retrying;
    private readonly BoundedRetry<InfluxResponse> once;

    public InfluxHttp(Uri url, InfluxWriterOptions options, AuthenticationHeaderValue? authorization, IEnumerable<string?> secrets, IRunReporter reporter)
    {
        BaseUrl = WithoutCredentials(url);
        this.authorization = authorization;
        this.secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            // Each attempt carries its own time limit (RequestTimeout, cut to what is left of the budget).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        retrying = new BoundedRetry<InfluxResponse>(options.Retry, reporter, WaitActivity, Retryable);
        once = new BoundedRetry<InfluxResponse>(options.Retry with { MaxRetries = 0 }, reporter, WaitActivity, Retryable);
    }

    /// <summary>The server's base URL with any user:password removed and a trailing slash: safe to show.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Sends a request (rebuilt for every attempt) and reads the whole answer. Network failures that outlast the
    /// retries become <see cref="InfluxFailure.Unreachable"/>; HTTP errors are returned for the caller to explain.
    /// </summary>
    public async Task<InfluxResponse> SendAsync(HttpMethod method, string relativeUri, Func<HttpContent>? content, bool retry, string what, CancellationToken ct)
    {
        BoundedRetry<InfluxResponse>.Attempts? tried = null;
        try
        {
            return await (retry ? retrying : once).ExecuteAsync($"InfluxDB {what}", async (attempts, token) =>
            {
                tried = attempts;
                using var timer = attempts.Begin(token);
                try
                {
                    return await SendOnceAsync(method, relativeUri, content, timer.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!token.IsCancellationRequested && timer.TimedOut(e))
                {
                    throw new TimeoutException($"no answer within {timer.Limit.TotalSeconds:0.#} s", e);
                }
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsNetworkFailure(e, ct))
        {
            throw new InfluxException(
                InfluxFailure.Unreachable,
                $"Cannot reach InfluxDB at {BaseUrl} while {what}: {Reason(e)}. {tried!.Summary(SettingNames.InfluxRetryBudget)} " +
                "Check INFLUX_URL and that InfluxDB is running and reachable from here; days not written stay pending for the next run.",
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
        => e is HttpRequestException or TimeoutException or IOException && !ct.IsCancellationRequested;

    private RetryReason? Retryable(Outcome<InfluxResponse> outcome, CancellationToken ct) => outcome switch
    {
        { Exception: { } e } when IsNetworkFailure(e, ct) => new RetryReason(Reason(e)),
        { Result: { IsTransient: true } r } => new RetryReason($"HTTP {r.Status}", r.RetryAfter),
        _ => null,
    };

    private string Reason(Exception e) => e is TimeoutException ? e.Message : Scrub(e.GetBaseException().Message);

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
