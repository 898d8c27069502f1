using System.Collections.Concurrent;
using System.Net.Http.Headers;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Trakt;

/// <summary>
/// A pass-through handler over the client's own socket handler (compression included): records each request's headers as sent, counts requests
/// in flight, can hold chosen requests back, and logs "use &lt;token&gt;" events next to the token store's
/// "save" events so their order can be checked.
/// </summary>
internal sealed class RequestSpy(ConcurrentQueue<string> events) : DelegatingHandler(TraktTransport.CreateHandler())
{
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    /// <summary>Most requests that were on the wire at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How long to hold a request back before sending it (none by default).</summary>
    public Func<HttpRequestMessage, TimeSpan> HoldBack { get; set; } = _ => TimeSpan.Zero;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.NonValidated.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Sent.Enqueue(new SentRequest(DateTimeOffset.UtcNow, request.Method.Method, request.RequestUri!.PathAndQuery, headers, request.Content?.Headers.ContentType));
        if (request.Headers.Authorization?.Parameter is { } token)
        {
            events.Enqueue($"use {token}");
        }

        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            await Task.Delay(HoldBack(request), cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

internal sealed record SentRequest(DateTimeOffset At, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, MediaTypeHeaderValue? ContentType);
