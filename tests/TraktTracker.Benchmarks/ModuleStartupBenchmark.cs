using System.Diagnostics;
using TraktTracker.Simulator;
using TraktTracker.TestSupport;

namespace TraktTracker.Benchmarks;

/// <summary>
/// What a scheduled task pays on every run: a fresh <c>pwsh -NoProfile</c> that imports the module, and one that
/// also runs a no-op Invoke-TraktSync (Trakt unchanged: one API call) against the simulator, beside pwsh doing
/// nothing. Uses the pwsh of .config/dotnet-tools.json and the module folder build.ps1 made
/// (out/TraktTracker/&lt;version&gt;). Args: [runs].
/// </summary>
public sealed class ModuleStartupBenchmark : IBenchmark
{
    public string Name => "module-startup";

    public string Description => "fresh pwsh -NoProfile: Import-Module TraktTracker, and a no-op Invoke-TraktSync (run ./build.ps1 first)";

    public async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0]) : 7;
        var manifest = ModuleManifest();
        var pwsh = Path.Combine(await PSHomeAsync(), "pwsh.dll");
        await using var simulator = await TraktSimulator.StartAsync(new SimulatorOptions { RetryAfterSeconds = 1 });
        simulator.History.SeedRandom(2000, seed: 7);
        var home = Directory.CreateTempSubdirectory("trakttracker-startup-bench-").FullName;
        try
        {
            var environment = Settings(simulator, home);
            var import = $"Import-Module '{manifest}'";
            await PwshAsync(pwsh, environment, $"{import}; Connect-Trakt -RefreshToken '{simulator.Auth.IssueTokens().RefreshToken}' | Out-Null; Invoke-TraktBackfill | Out-Null");

            Console.WriteLine($"{runs} runs each of {pwsh} -NoProfile -NonInteractive -Command ... (module {manifest}):");
            await ReportAsync("pwsh doing nothing ('exit')", runs, () => PwshAsync(pwsh, environment, "exit"));
            await ReportAsync("Import-Module TraktTracker", runs, () => PwshAsync(pwsh, environment, import));
            simulator.Requests.Reset();
            await ReportAsync("Import-Module + no-op Invoke-TraktSync", runs, () => PwshAsync(pwsh, environment, $"{import}; Invoke-TraktSync | Out-Null"));
            Console.WriteLine($"  (the no-op syncs made {simulator.Requests.Total / runs} API call(s) each)");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task ReportAsync(string label, int runs, Func<Task<ChildRun>> run)
    {
        var walls = new List<double>();
        var peak = 0.0;
        for (var i = 0; i < runs; i++)
        {
            var result = await run();
            walls.Add(result.Wall.TotalMilliseconds);
            peak = Math.Max(peak, result.PeakMegabytes);
        }

        walls.Sort();
        Console.WriteLine($"  {label,-40} median {walls[runs / 2],6:N0} ms, best {walls[0],6:N0} ms, peak RSS {peak:N0} MB");
    }

    private static async Task<ChildRun> PwshAsync(string pwsh, IReadOnlyDictionary<string, string> environment, string command)
    {
        var run = await ChildRun.RunAsync(pwsh, environment, "-NoProfile", "-NonInteractive", "-Command", command);
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"pwsh -Command \"{command}\" failed ({run.ExitCode}):\n{run.Output}");
    }

    /// <summary>A private home (XDG folders) and the simulator's settings, as a scheduled run's config would give them.</summary>
    private static Dictionary<string, string> Settings(TraktSimulator simulator, string home) => new()
    {
        ["XDG_DATA_HOME"] = Path.Combine(home, "data"),
        ["XDG_CONFIG_HOME"] = Path.Combine(home, "config"),
        ["XDG_STATE_HOME"] = Path.Combine(home, "state"),
        ["TRAKT_CLIENT_ID"] = simulator.Options.ClientId,
        ["TRAKT_CLIENT_SECRET"] = simulator.Options.ClientSecret,
        ["TRAKT_API_URL"] = simulator.BaseUrl.ToString(),
        ["TRAKT_AUTH_URL"] = simulator.BaseUrl.ToString(),
        ["ENABLE_INFLUX"] = "false",
    };

    private static string ModuleManifest()
    {
        var version = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "Directory.Build.props")).Descendants("ModuleVersion").Single().Value;
        var manifest = Path.Combine(RepoRoot.Path, "out", "TraktTracker", version, "TraktTracker.psd1");
        return File.Exists(manifest) ? manifest : throw new InvalidOperationException($"{manifest} is missing: run ./build.ps1 first.");
    }

    /// <summary>$PSHOME of the repository's pinned PowerShell tool (`dotnet tool restore` installs it).</summary>
    private static async Task<string> PSHomeAsync()
    {
        var start = new ProcessStartInfo("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME"])
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && Directory.Exists(output)
            ? output
            : throw new InvalidOperationException($"`dotnet pwsh` failed: run `dotnet tool restore` in {RepoRoot.Path} first. {await process.StandardError.ReadToEndAsync()}");
    }
}
