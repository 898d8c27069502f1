using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator.Http;

/// <summary>Writes the bodies the simulator answers with; every JSON body gets an exact Content-Length.</summary>
internal static class Responses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task Json(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, PlayJson.WriterOptions))
        {
            write(writer);
        }
        return Bytes(context, status, JsonContentType, buffer.WrittenMemory);
    }

    public static Task Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>The OAuth error shape: <c>{"error":"invalid_grant","error_description":"session not found"}</c>.</summary>
    public static Task Error(HttpContext context, int status, string error, string description) =>
        Json(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    public static Task Text(HttpContext context, int status, string contentType, string text) =>
        Bytes(context, status, contentType, Encoding.UTF8.GetBytes(text));

    public static async Task Bytes(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The <c>X-Ratelimit</c> debugging header.</summary>
    public static string RateLimitHeader(RateDecision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", decision.Name);
            w.WriteNumber("period", decision.PeriodSeconds);
            w.WriteNumber("limit", decision.Limit);
            w.WriteNumber("remaining", decision.Remaining);
            w.WriteString("until", decision.Until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A limiter 429: empty body, <c>Retry-After</c> and <c>X-Ratelimit</c>.</summary>
    public static Task RateLimited(HttpContext context, RateDecision decision, int retryAfterSeconds)
    {
        context.Response.Headers["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Ratelimit"] = RateLimitHeader(decision);
        return Empty(context, StatusCodes.Status429TooManyRequests);
    }
}
