using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TraktTracker.Trakt;

/// <summary>
/// The Trakt API as the sync engine needs it: history pages, last activities, user settings and OAuth.
/// Retries, rate limits, request spacing and token refresh happen inside; failures surface as
/// <see cref="TraktApiException"/> with a message that says what to do.
/// </summary>
public sealed partial class TraktClient : IDisposable
{
    private readonly TraktClientOptions _options;
    private readonly IRunReporter _reporter;
    private readonly SecretScrubber _scrubber = new();
    private readonly TraktTransport _transport;
    private readonly AccessTokens _tokens;

    public TraktClient(TraktClientOptions options, ITokenStore tokens, IRunReporter? reporter = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        _options = options;
        _reporter = reporter ?? SilentReporter.Instance;
        _scrubber.Add(options.ClientSecret);
        _transport = new TraktTransport(options, _reporter, _scrubber, handler);
        _tokens = new AccessTokens(tokens, options, _scrubber, RefreshStoredAsync);
    }

    /// <summary>Every HTTP request sent so far, retries and OAuth calls included.</summary>
    public int ApiCalls => _transport.ApiCalls;

    public async Task<LastActivities> GetLastActivitiesAsync(CancellationToken ct)
    {
        var sentAt = _options.Time.GetUtcNow();
        var started = _options.Time.GetTimestamp();
        var response = await GetAuthorizedAsync("/sync/last_activities", ct);
        var took = _options.Time.GetElapsedTime(started);
        var json = response.RequireJson();
        return new LastActivities(
            JsonLookup.Date(json, "all"),
            JsonLookup.Date(json, "movies", "watched_at"),
            JsonLookup.Date(json, "episodes", "watched_at"),
            ReadAt(sentAt, took, response.Headers.Date));
    }

    /// <summary>
    /// No later than Trakt read the values: the earlier of the answer's <c>Date</c> (whole seconds, stamped after
    /// the read) and the local clock when the request left. A local clock further behind <c>Date</c> than the
    /// request took (plus the second <c>Date</c> drops) is wrong, not early: then <c>Date</c> less the request's
    /// time, on Trakt's own clock. Trusting a slow clock would make every recent activity look too fresh to keep as
    /// a baseline, and every following sync diff the whole history.
    /// </summary>
    private static DateTimeOffset ReadAt(DateTimeOffset sentAt, TimeSpan took, DateTimeOffset? date) => date switch
    {
        null => sentAt,
        { } stamped when sentAt >= stamped => stamped,
        { } stamped when stamped - sentAt > took + TimeSpan.FromSeconds(1) => stamped - took,
        _ => sentAt,
    };

    /// <summary>How many plays the listing holds: <c>X-Pagination-Item-Count</c> of a one-item page (one call).</summary>
    public async Task<int> CountHistoryAsync(HistoryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await GetHistoryPageAsync(request with { Limit = 1, ExtendedFull = false }, 1, ct);
        return page.ItemCount;
    }

    public async Task<UserSettings> GetUserSettingsAsync(CancellationToken ct)
    {
        var json = (await GetAuthorizedAsync("/users/settings", ct)).RequireJson();
        return new UserSettings(
            JsonLookup.String(json, "user", "username") ?? "",
            JsonLookup.String(json, "user", "ids", "slug"),
            JsonLookup.Bool(json, "user", "vip"),
            JsonLookup.String(json, "account", "timezone"));
    }

    /// <summary>One page of history. Malformed items come back with their raw JSON and the reason.</summary>
    public async Task<HistoryPage> GetHistoryPageAsync(HistoryRequest request, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var response = await GetAuthorizedAsync(HistoryPath(request, page), ct);
        var json = response.RequireJson();
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new TraktApiException(
                $"Trakt's answer to {response.Endpoint} was JSON but not a list of plays. Try again later; if it persists, report it.",
                response.Endpoint, response.Status, responseBodyExcerpt: _scrubber.Excerpt(json.GetRawText()));
        }

        var items = json.EnumerateArray().Select(ReadItem).ToList();
        var result = new HistoryPage(
            page,
            PaginationHeader(response, "X-Pagination-Page-Count"),
            PaginationHeader(response, "X-Pagination-Item-Count"),
            PaginationHeader(response, "X-Pagination-Limit"),
            items);
        _reporter.Verbose($"Read history page {page} of {result.PageCount} ({items.Count} plays).");
        return result;
    }

    /// <summary>
    /// Every page of the listing, in page order. Page 1 tells how many pages exist (from the response headers,
    /// never from the requested limit, which Trakt clamps); the rest are fetched up to
    /// <see cref="TraktClientOptions.MaxConcurrency"/> at a time.
    /// </summary>
    public async IAsyncEnumerable<HistoryPage> ReadHistoryAsync(HistoryRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var first = await GetHistoryPageAsync(request, 1, ct);
        yield return first;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inFlight = new Queue<Task<HistoryPage>>();
        var next = 2;
        try
        {
            while (next <= first.PageCount || inFlight.Count > 0)
            {
                while (next <= first.PageCount && inFlight.Count < Math.Max(1, _options.MaxConcurrency))
                {
                    inFlight.Enqueue(GetHistoryPageAsync(request, next++, stop.Token));
                }

                yield return await inFlight.Dequeue();
            }
        }
        finally
        {
            // The caller stopped early or a page failed: cancel the rest and let them finish quietly.
            await stop.CancelAsync();
            await ((Task)Task.WhenAll(inFlight)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _transport.Dispose();
        _tokens.Dispose();
    }

    /// <summary>A GET with the bearer token; a 401 causes at most one refresh and one retry.</summary>
    private async Task<TraktResponse> GetAuthorizedAsync(string pathAndQuery, CancellationToken ct)
    {
        var token = await _tokens.GetAsync(ct);
        try
        {
            return await _transport.SendAsync(TraktCall.Get(_options.ApiUrl, pathAndQuery, token), ct);
        }
        catch (UnauthorizedResponseException)
        {
            _reporter.Verbose($"Trakt did not accept the access token on GET {pathAndQuery}; refreshing it once.");
        }

        var fresh = await _tokens.ReplaceRejectedAsync(token, ct);
        try
        {
            return await _transport.SendAsync(TraktCall.Get(_options.ApiUrl, pathAndQuery, fresh), ct);
        }
        catch (UnauthorizedResponseException rejected)
        {
            throw new TraktAuthException(
                $"Trakt rejected the access token (HTTP 401) on {rejected.Endpoint} even right after a refresh: the " +
                $"authorization was revoked or the app changed; {TraktAuthException.ReconnectAdvice}.",
                rejected.Endpoint, 401, rejected.Excerpt);
        }
    }

    private static HistoryItem ReadItem(JsonElement item)
    {
        try
        {
            return new HistoryItem(HistoryItemParser.Parse(item), null, null);
        }
        catch (HistoryItemFormatException ex)
        {
            return new HistoryItem(null, item.GetRawText(), ex.Message);
        }
    }

    private static string HistoryPath(HistoryRequest request, int page)
    {
        var path = request.Type switch
        {
            "all" => "/sync/history",
            "movies" or "episodes" => $"/sync/history/{request.Type}",
            _ => throw new ArgumentException($"History type '{request.Type}' is not one of all, movies, episodes.", nameof(request)),
        };
        var query = new List<string> { $"page={page}", $"limit={request.Limit}" };
        if (request.ExtendedFull)
        {
            query.Add("extended=full");
        }

        if (request.StartAt is { } start)
        {
            query.Add($"start_at={FormatDate(start)}");
        }

        if (request.EndAt is { } end)
        {
            query.Add($"end_at={FormatDate(end)}");
        }

        return $"{path}?{string.Join('&', query)}";
    }

    /// <summary>Trakt's own date form: UTC ISO-8601 with milliseconds.</summary>
    private static string FormatDate(DateTimeOffset date) =>
        Uri.EscapeDataString(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    private static int PaginationHeader(TraktResponse response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TraktApiException(
                $"Trakt's answer to {response.Endpoint} lacks the {name} header, so the number of pages is unknown " +
                "(guessing it could silently skip plays). Try again later; if it persists, report it.",
                response.Endpoint, response.Status);
}
