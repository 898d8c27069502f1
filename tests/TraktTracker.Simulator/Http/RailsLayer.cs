using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// Trakt's Rails app: stamps <c>x-runtime</c> and <c>x-request-id</c> on every response it makes, and applies
/// the faults that look like Trakt itself answering (status faults, limiter 429s, truncated bodies).
/// </summary>
internal static class RailsLayer
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, TraktSimulator simulator)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["x-runtime"] = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);
            headers["x-request-id"] = Guid.NewGuid().ToString();
            return Task.CompletedTask;
        });

        var fault = context.Items[EdgeLayer.FaultItem] as SimFault;
        switch (fault?.Kind)
        {
            case SimFaultKind.Status:
                foreach (var (name, value) in fault.Headers) context.Response.Headers[name] = value;
                await Responses.Text(context, fault.StatusCode, fault.ContentType, fault.Body ?? "");
                return;
            case SimFaultKind.RateLimited:
                var retryAfter = fault.RetryAfterSeconds ?? simulator.Options.RetryAfterSeconds;
                var decision = new RateDecision(false, "AUTHED_API_GET_LIMIT", (int)simulator.Options.RatePeriod.TotalSeconds,
                    simulator.Options.GetLimit, 0, DateTimeOffset.UtcNow.AddSeconds(retryAfter));
                await Responses.RateLimited(context, decision, retryAfter);
                return;
            case SimFaultKind.TruncatedBody:
                await TruncatedAsync(context, next);
                return;
            default:
                await next(context);
                return;
        }
    }

    /// <summary>Runs the real handler, then sends only the first half of its body, framed as complete.</summary>
    private static async Task TruncatedAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var half = buffer.GetBuffer().AsMemory(0, (int)buffer.Length / 2);
        context.Response.ContentLength = half.Length;
        await original.WriteAsync(half, context.RequestAborted);
    }
}
