using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// <c>/oauth/*</c>: device code and polling, the token endpoint (authorization code and
/// single-use refresh grants), revoke, and an authorize page that approves at once.
/// </summary>
internal static class OAuthEndpoints
{
    private const string InvalidClientDescription =
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";

    public static void Map(IEndpointRouteBuilder routes, TraktSimulator simulator)
    {
        routes.MapPost("/oauth/device/code", context => DeviceCodeAsync(context, simulator));
        routes.MapPost("/oauth/device/token", context => DeviceTokenAsync(context, simulator));
        routes.MapPost("/oauth/token", context => TokenAsync(context, simulator));
        routes.MapPost("/oauth/revoke", context => RevokeAsync(context, simulator));
        routes.MapGet("/oauth/authorize", context => AuthorizeAsync(context, simulator));
    }

    private static async Task DeviceCodeAsync(HttpContext context, TraktSimulator simulator)
    {
        var fields = await RequestBody.OAuthFieldsAsync(context);
        if (fields is null || !IsKnownClient(fields, simulator.Options, secretRequired: false))
        {
            await InvalidClient(context);
            return;
        }
        var state = simulator.Auth.CreateDeviceCode();
        var script = simulator.Auth.DeviceFlow;
        await Responses.Json(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("device_code", state.DeviceCode);
            w.WriteString("user_code", script.UserCode);
            w.WriteString("verification_url", script.VerificationUrl);
            w.WriteNumber("expires_in", script.ExpiresIn);
            w.WriteNumber("interval", script.Interval);
            w.WriteEndObject();
        });
    }

    /// <summary>Statuses other than 200 have an empty body, as in the contract (400 is <c>z.undefined()</c>).</summary>
    private static async Task DeviceTokenAsync(HttpContext context, TraktSimulator simulator)
    {
        var fields = await RequestBody.OAuthFieldsAsync(context);
        if (fields is null || !IsKnownClient(fields, simulator.Options, secretRequired: false))
        {
            await InvalidClient(context);
            return;
        }
        var state = fields.TryGetValue("code", out var code) ? simulator.Auth.FindDeviceCode(code) : null;
        var status = state?.NextPollStatus(simulator.Auth.DeviceFlow) ?? StatusCodes.Status404NotFound;
        if (status == StatusCodes.Status200OK)
            await WriteTokens(context, simulator.Auth.NewSession(), simulator.Options);
        else
            await Responses.Empty(context, status);
    }

    private static async Task TokenAsync(HttpContext context, TraktSimulator simulator)
    {
        var fields = await RequestBody.OAuthFieldsAsync(context);
        if (fields is null)
        {
            await Responses.Error(context, 400, "invalid_request", "The request body must be a JSON object.");
            return;
        }
        var grant = fields.GetValueOrDefault("grant_type");
        // PKCE clients prove themselves with code_verifier instead of the secret.
        if (!IsKnownClient(fields, simulator.Options, secretRequired: !fields.ContainsKey("code_verifier")))
        {
            await InvalidClient(context);
            return;
        }
        var session = grant switch
        {
            "authorization_code" => fields.TryGetValue("code", out var code) ? simulator.Auth.RedeemAuthorizationCode(code) : null,
            "refresh_token" => fields.TryGetValue("refresh_token", out var token) ? simulator.Auth.Refresh(token) : null,
            _ => null,
        };
        if (session is not null)
        {
            if (grant == "refresh_token" && simulator.Options.RefreshAnswerDelay > TimeSpan.Zero)
                await Task.Delay(simulator.Options.RefreshAnswerDelay, context.RequestAborted);
            await WriteTokens(context, session, simulator.Options);
        }
        else if (grant is "authorization_code" or "refresh_token")
            await Responses.Error(context, 400, "invalid_grant", grant == "refresh_token" ? "session not found"
                : "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
        else
            await Responses.Error(context, 400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    }

    /// <summary>Always 200 with an empty body (RFC 7009): unknown tokens are not an error.</summary>
    private static async Task RevokeAsync(HttpContext context, TraktSimulator simulator)
    {
        var fields = await RequestBody.OAuthFieldsAsync(context);
        if (fields?.GetValueOrDefault("token") is { } token) simulator.Auth.Revoke(token);
        await Responses.Empty(context, StatusCodes.Status200OK);
    }

    /// <summary>The user "approves" at once: redirect with a fresh code, or show it for the out-of-band URI.</summary>
    private static Task AuthorizeAsync(HttpContext context, TraktSimulator simulator)
    {
        var query = context.Request.Query;
        if (query["client_id"] != simulator.Options.ClientId) return InvalidClient(context);
        var code = simulator.Auth.CreateAuthorizationCode();
        var redirect = query["redirect_uri"].ToString();
        if (redirect.Length == 0 || redirect == "urn:ietf:wg:oauth:2.0:oob")
            return Responses.Text(context, 200, "text/html; charset=utf-8", $"<html><body><code id=\"code\">{code}</code></body></html>");
        var separator = redirect.Contains('?') ? '&' : '?';
        var state = query["state"].ToString();
        context.Response.Redirect($"{redirect}{separator}code={code}" + (state.Length > 0 ? $"&state={WebUtility.UrlEncode(state)}" : ""));
        return Task.CompletedTask;
    }

    private static bool IsKnownClient(IReadOnlyDictionary<string, string> fields, SimulatorOptions options, bool secretRequired)
    {
        if (fields.GetValueOrDefault("client_id") != options.ClientId) return false;
        return fields.TryGetValue("client_secret", out var secret) ? secret == options.ClientSecret : !secretRequired;
    }

    private static Task InvalidClient(HttpContext context) =>
        Responses.Error(context, StatusCodes.Status401Unauthorized, "invalid_client", InvalidClientDescription);

    /// <summary>The token response; <c>created_at</c> is Unix seconds on Trakt's (maybe skewed) clock.</summary>
    private static Task WriteTokens(HttpContext context, TokenSession session, SimulatorOptions options) =>
        Responses.Json(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", session.AccessToken);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", (long)session.Lifetime.TotalSeconds);
            w.WriteString("refresh_token", session.RefreshToken);
            w.WriteString("scope", "public");
            w.WriteNumber("created_at", (session.CreatedAt + options.ClockSkew).ToUnixTimeSeconds());
            w.WriteEndObject();
        });
}
