using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraktTracker.Simulator.Http;

namespace TraktTracker.Simulator;

/// <summary>
/// A Trakt API v2 server on 127.0.0.1 and an ephemeral port, faithful to the real API as the simulator README describes. <see cref="BaseUrl"/>
/// serves the API and <c>/oauth/*</c>, so it stands in for both api.trakt.tv and auth.trakt.tv.
/// </summary>
public sealed class TraktSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Exception> _serverErrors = [];

    private TraktSimulator(SimulatorOptions options)
    {
        Options = options;
        var clock = new ActivityClock(options);
        History = new SimulatedHistory(clock);
        Auth = new SimulatedAuth(options);
        Limiter = new RateLimiter(options);
        _app = BuildApp();
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Read on every request, so changes apply to the next one.</summary>
    public SimulatorOptions Options { get; }

    public SimulatedHistory History { get; }

    public SimulatedAuth Auth { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    internal RateLimiter Limiter { get; }

    /// <summary>
    /// Exceptions thrown by the simulator's own handlers (answered as 500). Non-empty means a simulator bug,
    /// not an injected fault.
    /// </summary>
    public IReadOnlyList<Exception> ServerErrors { get { lock (_serverErrors) return _serverErrors.ToList(); } }

    internal void RecordServerError(Exception error)
    {
        lock (_serverErrors) _serverErrors.Add(error);
    }

    public static async Task<TraktSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        var simulator = new TraktSimulator(options ?? new SimulatorOptions());
        await simulator._app.StartAsync(ct);
        var address = simulator._app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        simulator.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        var app = builder.Build();
        app.Use((context, next) => RequestRecorder.InvokeAsync(context, next, this));
        app.UseResponseCompression(); // like Trakt's edge: gzip or Brotli when the client's Accept-Encoding asks
        app.Use((context, next) => EdgeLayer.InvokeAsync(context, next, this));
        app.Use((context, next) => RailsLayer.InvokeAsync(context, next, this));
        app.Use((context, next) => ApiGate.InvokeAsync(context, next, this));
        OAuthEndpoints.Map(app, this);
        AccountEndpoints.Map(app, this);
        HistoryEndpoints.Map(app, this);
        HistoryWriteEndpoints.Map(app, this);
        return app;
    }
}
