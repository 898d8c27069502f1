using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// The Cloudflare layer in front of Trakt: blocks requests without a User-Agent, and answers edge faults
/// (HTML, no <c>x-runtime</c>/<c>x-request-id</c>) and connection resets before Trakt sees the request.
/// Other faults are handed on to <see cref="RailsLayer"/>.
/// </summary>
internal static class EdgeLayer
{
    public const string FaultItem = "sim.fault";

    public static Task InvokeAsync(HttpContext context, RequestDelegate next, TraktSimulator simulator)
    {
        context.Response.Headers.Server = "cloudflare";
        if (simulator.Options.RequireUserAgent && string.IsNullOrWhiteSpace(context.Request.Headers.UserAgent))
            return EdgePage(context, StatusCodes.Status403Forbidden, EdgePages.MissingUserAgent());

        var fault = simulator.Faults.Take(context.Request.Method, context.Request.Path.Value ?? "");
        switch (fault?.Kind)
        {
            case SimFaultKind.ConnectionReset:
                context.Abort();
                return Task.CompletedTask;
            case SimFaultKind.Edge:
                foreach (var (name, value) in fault.Headers) context.Response.Headers[name] = value;
                return EdgePage(context, fault.StatusCode, fault.Body ?? "");
            case not null:
                context.Items[FaultItem] = fault;
                break;
        }
        return next(context);
    }

    private static Task EdgePage(HttpContext context, int status, string html)
    {
        context.Response.Headers["cf-ray"] = $"{Random.Shared.NextInt64():x16}-FRA";
        return Responses.Text(context, status, "text/html; charset=UTF-8", html);
    }
}
