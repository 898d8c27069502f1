using System.Net;
using System.Net.Sockets;
using TraktTracker.Config;
using TraktTracker.Simulator;

namespace TraktTracker.Benchmarks;

/// <summary>
/// How long <c>trakt-tracker --once backfill</c> takes to fail with the default settings when InfluxDB refuses
/// connections, or accepts them and never answers (issue figures before the retry budget: 58–108 s and 242 s).
/// </summary>
public sealed class OutageBenchmark : IBenchmark
{
    public string Name => "outage";

    public string Description => "trakt-tracker --once backfill with InfluxDB refusing / never answering, default settings: time to fail";

    public async Task RunAsync(string[] args)
    {
        foreach (var hung in new[] { false, true })
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start(); // never accepted by anyone: connections wait in the backlog, unanswered
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!hung)
            {
                listener.Stop();
            }

            await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions());
            simulator.History.SeedRandom(1_000, seed: 42);
            var dir = Directory.CreateTempSubdirectory("tt-outage-");
            try
            {
                var environment = BackfillBenchmark.Environment(simulator, Path.Combine(dir.FullName, "state.db"));
                environment[SettingNames.EnableInflux] = "true";
                environment[SettingNames.InfluxApi] = "v1";
                environment[SettingNames.InfluxUrl] = $"http://127.0.0.1:{port}";
                environment[SettingNames.LogLevel] = "INFO";
                BackfillBenchmark.SeedTokens(simulator, environment[SettingNames.StateDbPath]);

                var run = await ChildRun.RunAsync(BackfillBenchmark.CliDll, environment, "--once", "backfill");
                var retries = run.Output.Split('\n').Count(l => l.Contains("; retry ", StringComparison.Ordinal));
                Console.WriteLine($"InfluxDB {(hung ? "accepting, never answering" : "refusing connections")}: the backfill failed after " +
                                  $"{run.Wall.TotalSeconds:F1} s (exit {run.ExitCode}), {retries} retry line(s) logged.");
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }
    }
}
