using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// Trakt's request checks for the API host, in the order Trakt applies them:
/// API key (403), API version, JSON content type on POST (412), bearer token (401), rate limit (429).
/// <c>/oauth/*</c> is exempt: it authenticates the client from the body.
/// </summary>
internal static class ApiGate
{
    public const string TokenItem = "sim.token";

    public static Task InvokeAsync(HttpContext context, RequestDelegate next, TraktSimulator simulator)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (path.StartsWith("/oauth/", StringComparison.Ordinal)) return next(context);

        var options = simulator.Options;
        if (request.Headers["trakt-api-key"] != options.ClientId)
            return Responses.Empty(context, StatusCodes.Status403Forbidden);
        if (request.Headers["trakt-api-version"] != "2")
            return Responses.Error(context, StatusCodes.Status400BadRequest, "invalid_api_version",
                "Send the header trakt-api-version: 2.");
        if (HttpMethods.IsPost(request.Method) && !IsJson(request))
            return Responses.Empty(context, StatusCodes.Status412PreconditionFailed);

        var token = BearerToken(request);
        if (token is null)
        {
            if (RequiresAuth(path))
                return Unauthorized(context, "The access token is missing.");
            var client = $"{options.ClientId}@{context.Connection.RemoteIpAddress}";
            return HttpMethods.IsGet(request.Method) ? Limited(context, next, simulator.Limiter.CountGet(client, authed: false), options) : next(context);
        }
        switch (simulator.Auth.CheckAccessToken(token))
        {
            case AccessTokenState.Unknown:
                return Unauthorized(context, "The access token is invalid.");
            case AccessTokenState.Expired:
                return Unauthorized(context, "The access token expired.");
        }
        context.Items[TokenItem] = token;
        return RateLimitedOrNext(context, next, simulator, token);
    }

    private static Task RateLimitedOrNext(HttpContext context, RequestDelegate next, TraktSimulator simulator, string token)
    {
        var options = simulator.Options;
        RateDecision? decision = null;
        if (HttpMethods.IsGet(context.Request.Method)) decision = simulator.Limiter.CountGet(token);
        else if (options.EnforcePostLimit) decision = simulator.Limiter.CountPost(token);
        return decision is null ? next(context) : Limited(context, next, decision, options);
    }

    private static Task Limited(HttpContext context, RequestDelegate next, RateDecision decision, SimulatorOptions options)
    {
        if (!decision.Allowed) return Responses.RateLimited(context, decision, options.RetryAfterSeconds);
        if (options.RateLimitHeaderOnEveryAnswer) context.Response.Headers["X-Ratelimit"] = Responses.RateLimitHeader(decision);
        return next(context);
    }

    /// <summary>Everything under <c>/sync/</c> and <c>/users/settings</c> needs OAuth.</summary>
    private static bool RequiresAuth(string path) =>
        path.StartsWith("/sync/", StringComparison.Ordinal)
        || path.Equals("/users/settings", StringComparison.Ordinal)
        || path.StartsWith("/users/me/", StringComparison.Ordinal);

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Doorkeeper's 401: a <c>WWW-Authenticate</c> challenge and the OAuth error body.</summary>
    private static Task Unauthorized(HttpContext context, string description)
    {
        context.Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"{description}\"";
        return Responses.Error(context, StatusCodes.Status401Unauthorized, "invalid_token", description);
    }
}
