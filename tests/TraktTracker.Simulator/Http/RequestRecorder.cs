using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator.Http;

/// <summary>Outermost stage: adds the configured latency, then logs the request once it is answered.</summary>
internal static class RequestRecorder
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, TraktSimulator simulator)
    {
        var at = DateTimeOffset.UtcNow;
        try
        {
            var latency = simulator.Options.Latency;
            if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted);
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a ConnectionReset fault aborted it); nothing left to answer.
        }
        finally
        {
            var request = context.Request;
            simulator.Requests.Add(new LoggedRequest(at, request.Method, request.Path.Value ?? "",
                request.Path.Value + request.QueryString.Value,
                context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode,
                request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
                request.Headers.Authorization.Count > 0));
        }
    }
}
