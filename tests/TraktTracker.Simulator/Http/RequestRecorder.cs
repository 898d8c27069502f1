using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// Outermost stage: adds the configured latency, then logs the request. The entry is added just before the
/// response starts, so a client that has its answer always finds its request in the log.
/// </summary>
internal static class RequestRecorder
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, TraktSimulator simulator)
    {
        var at = DateTimeOffset.UtcNow;
        simulator.Requests.NoteArrival(context.Request.Path.Value ?? "");
        var logged = 0;
        void Log(int status)
        {
            if (Interlocked.Exchange(ref logged, 1) == 1) return;
            var request = context.Request;
            simulator.Requests.Add(new LoggedRequest(at, request.Method, request.Path.Value ?? "",
                request.Path.Value + request.QueryString.Value, status,
                request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
                request.Headers.Authorization.Count > 0,
                context.Response.Headers.ContentEncoding.Count > 0 ? context.Response.Headers.ContentEncoding.ToString() : null));
        }

        context.Response.OnStarting(() =>
        {
            Log(context.Response.StatusCode);
            return Task.CompletedTask;
        });
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
        catch (Exception error)
        {
            // A bug in the simulator itself: keep it visible to tests instead of a bare 500.
            simulator.RecordServerError(error);
            throw;
        }
        finally
        {
            Log(context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode);
        }
    }
}
