using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TraktTracker.Simulator.Control;

/// <summary>
/// The simulator's test-side handle over HTTP, for tests that run it as a process of its own (the Pester suite):
/// seed and change the history, issue tokens, script the device flow, queue faults, read the request log and the
/// truth. A separate listener, so control calls never pass Trakt's gates nor appear in the request log.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;

    private ControlServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<ControlServer> StartAsync(TraktSimulator simulator)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Map(app, simulator);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ControlServer(app) { BaseUrl = new Uri(address.TrimEnd('/') + "/") };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Map(WebApplication app, TraktSimulator sim)
    {
        app.MapGet("/history", () => Results.Json(sim.History.Snapshot(), Json));
        app.MapPost("/history/seed", (int count, int seed) => Results.Json(sim.History.SeedRandom(count, seed), Json));
        app.MapPost("/history/movie", (long traktId, string title, int? year, DateTimeOffset watchedAt) =>
            Results.Json(sim.History.AddMovie(traktId, title, year, watchedAt), Json));
        app.MapDelete("/history/{historyId:long}", (long historyId) =>
            sim.History.Remove(historyId) ? Results.NoContent() : Results.NotFound());

        app.MapPost("/auth/tokens", () =>
        {
            var (access, refresh) = sim.Auth.IssueTokens();
            return Results.Json(new { AccessToken = access, RefreshToken = refresh }, Json);
        });
        app.MapGet("/auth", () => Results.Json(new { sim.Auth.RefreshCount }, Json));
        app.MapPost("/auth/expire-access-tokens", () =>
        {
            sim.Auth.ExpireAccessTokens();
            return Results.NoContent();
        });
        app.MapPost("/auth/invalidate-sessions", () =>
        {
            sim.Auth.InvalidateAllSessions();
            return Results.NoContent();
        });
        // Holds each refresh grant's answer back after the pair was rotated (SimulatorOptions.RefreshAnswerDelay).
        app.MapPut("/auth/refresh-answer-delay", (double seconds) =>
        {
            sim.Options.RefreshAnswerDelay = TimeSpan.FromSeconds(seconds);
            return Results.NoContent();
        });
        app.MapPut("/auth/device-flow", (DeviceFlowSettings settings) =>
        {
            settings.ApplyTo(sim.Auth.DeviceFlow);
            return Results.Json(sim.Auth.DeviceFlow, Json);
        });

        app.MapPost("/auth/codes", () => Results.Json(new { Code = sim.Auth.CreateAuthorizationCode() }, Json));

        // kind: status (with status=NNN), malformed (one bad history item), reset (the connection drops),
        // cloudflare (a block page, status 403 or 429, with Retry-After: retryAfter seconds, 300 by default).
        app.MapPost("/faults", (string kind, int? status, string? path, int? times, int? retryAfter) =>
        {
            SimFault? fault = kind switch
            {
                "status" when status is { } code => SimFault.Status(code),
                "cloudflare" when status is null or 403 or 429 => SimFault.CloudflareHtml(status ?? 429, retryAfter ?? 300),
                "malformed" => SimFault.MalformedItem(MalformedShape.InvalidWatchedAt),
                "reset" => SimFault.ConnectionReset(),
                _ => null,
            };
            if (fault is null) return Results.BadRequest("kind must be status (with status), malformed, reset or cloudflare (status 403 or 429)");
            sim.Faults.Enqueue(fault, path, times ?? 1);
            return Results.NoContent();
        });
        app.MapDelete("/faults", () =>
        {
            sim.Faults.Clear();
            return Results.NoContent();
        });

        app.MapGet("/requests", () => Results.Json(sim.Requests.All, Json));
        app.MapDelete("/requests", () =>
        {
            sim.Requests.Reset();
            return Results.NoContent();
        });
        app.MapGet("/server-errors", () => Results.Json(sim.ServerErrors.Select(e => e.ToString()), Json));
    }
}
