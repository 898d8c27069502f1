using System.Diagnostics;
using TraktTracker.Config;
using TraktTracker.Logging;
using TraktTracker.Scheduling;
using TraktTracker.Sync;
using TraktTracker.Trakt;

namespace TraktTracker.Cli;

/// <summary>Each action: open the engine, call it, log the result. Failures propagate to <see cref="Program"/>.</summary>
internal sealed class CliCommands(CliArguments args, TrackerSettings settings, LineLog log)
{
    private RunOptions Options => new() { Force = args.ForceBackfill, NoInflux = args.NoInflux };

    public Task RunAsync(CancellationToken stop) => args.Action switch
    {
        CliAction.Auth => AuthAsync(stop),
        CliAction.Once => OnceAsync(args.Once!.Value, stop),
        CliAction.RebuildInflux => RebuildInfluxAsync(stop),
        CliAction.TestInflux => TestInfluxAsync(stop),
        CliAction.Report => ReportAsync(stop),
        _ => ServiceAsync(stop),
    };

    private async Task AuthAsync(CancellationToken stop)
    {
        using var runtime = Open(stop);
        var connection = args.AuthCode is { } code
            ? await runtime.ConnectWithAuthCodeAsync(code, stop)
            : await runtime.ConnectWithDeviceFlowAsync(ShowDeviceCode, stop);
        log.Info(ResultText.Connection(connection));
    }

    // Straight to stdout, not through the log: the user must see it whatever LOG_LEVEL says.
    private static void ShowDeviceCode(DeviceCodePrompt prompt) => Console.Out.WriteLine(ResultText.DevicePrompt(prompt));

    private async Task OnceAsync(OnceJob job, CancellationToken stop)
    {
        using var runtime = Open(stop);
        var outcome = job switch
        {
            OnceJob.Backfill => await runtime.BackfillAsync(Options, stop),
            OnceJob.Incremental => await runtime.SyncAsync(Options, stop),
            _ => await runtime.ReconcileAsync(Options, stop),
        };
        log.Info(ResultText.Summary(outcome.Summary));
    }

    private async Task RebuildInfluxAsync(CancellationToken stop)
    {
        using var runtime = Open(stop);
        log.Info($"Rebuilding the InfluxDB projection at {SafeUrl.Show(settings.InfluxUrl)} from {settings.StateDbPath}...");
        var clock = Stopwatch.StartNew();
        var result = await runtime.RebuildProjectionAsync(stop);
        log.Info(ResultText.Rebuilt(result, clock.Elapsed));
    }

    /// <summary>Works with ENABLE_INFLUX=false too: it checks the settings before the projection is turned on.</summary>
    private async Task TestInfluxAsync(CancellationToken stop)
    {
        var result = await TrackerRuntime.TestInfluxAsync(settings, log, stop);
        log.Info(ResultText.InfluxChecked(result));
        if (result.ToException() is { } failure)
        {
            throw failure;
        }

        log.Info(result.Message);
    }

    /// <summary>Reads the store only: no run lock, so it works while a sync runs.</summary>
    private Task ReportAsync(CancellationToken stop)
    {
        using var runtime = TrackerRuntime.Open(settings, log, exclusive: false, ct: stop);
        log.Info(ResultText.Report(runtime.ExportReport(args.ReportPath!, args.Year)));
        return Task.CompletedTask;
    }

    private async Task ServiceAsync(CancellationToken stop)
    {
        if (args.ResetState)
        {
            // --reset-state wipes once, up front; each scheduled job then opens a runtime of its own.
            using var wiped = Open(stop);
        }

        log.Info($"Service mode: sync on '{settings.SyncCron}', reconcile on '{settings.ReconcileCron}' ({settings.TimeZone.Id}); " +
                 $"state store {settings.StateDbPath}; InfluxDB {InfluxTarget()}. Stop with SIGTERM or Ctrl+C.");
        await new ServiceLoop(settings, Options, log, new ServiceLog(log, settings.TimeZone)).RunAsync(stop);
        log.Info("Service stopped.");
    }

    /// <summary>A stop (Ctrl+C, SIGTERM) also ends a wait for another run's lock.</summary>
    private TrackerRuntime Open(CancellationToken stop)
    {
        if (!args.ResetState)
        {
            return TrackerRuntime.Open(settings, log, ct: stop);
        }

        var runtime = TrackerRuntime.OpenReset(settings, log, args.KeepAuth, ct: stop);
        log.Info($"Reset the state store {settings.StateDbPath}{(args.KeepAuth ? ", keeping the Trakt tokens" : "")}.");
        return runtime;
    }

    private string InfluxTarget()
        => !settings.EnableInflux ? "off (ENABLE_INFLUX=false)"
            : args.NoInflux ? "off for this run (--no-influx)"
            : $"{SafeUrl.Show(settings.InfluxUrl)} ({ResultText.ApiName(settings.InfluxApi)})";
}
