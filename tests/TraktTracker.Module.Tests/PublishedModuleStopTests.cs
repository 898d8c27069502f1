using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using TraktTracker.Simulator;
using TraktTracker.TestSupport;

namespace TraktTracker.Module.Tests;

/// <summary>
/// Issue 8: the published module in a real pwsh (the local .NET tool), which ends at once on SIGTERM, as when
/// systemd stops a scheduled run. A SIGTERM while a sent token refresh awaits Trakt's answer must let the exchange
/// finish and store the new pair before pwsh ends.
/// </summary>
public sealed class PublishedModuleStopTests : IDisposable
{
    private const int SigTerm = 15;

    private readonly string _temp = Directory.CreateTempSubdirectory("tt-pwsh-stop-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task SIGTERM_while_a_sent_token_refresh_awaits_its_answer_ends_pwsh_with_143_and_keeps_the_login()
    {
        await using var sim = await TraktSimulator.StartAsync(new SimulatorOptions { RefreshAnswerDelay = TimeSpan.FromSeconds(2) });
        sim.History.SeedRandom(20, seed: 3);
        var (_, refreshToken) = sim.Auth.IssueTokens();

        // The store is empty, so the run first redeems TRAKT_REFRESH_TOKEN; SIGTERM comes once Trakt rotated it.
        var stopped = await RunSyncAsync(sim, refreshToken, async pwsh =>
        {
            while (sim.Auth.RefreshCount == 0 && !pwsh.HasExited)
            {
                await Task.Delay(20);
            }

            if (!pwsh.HasExited)
            {
                Assert.Equal(0, kill(pwsh.Id, SigTerm));
            }
        });

        Assert.True(stopped.ExitCode == 143, stopped.Output);
        Assert.Contains("Invoke-TraktSync: stopped by SIGTERM at a safe point", stopped.Output);
        Assert.DoesNotContain(sim.Requests.All, r => r.Path == "/oauth/token" && r.Status != 200);

        // The next run's access token has expired: it refreshes with the stored pair (TRAKT_REFRESH_TOKEN, dead by
        // now, is only read while the store has none) and syncs without anyone connecting again.
        sim.Options.RefreshAnswerDelay = TimeSpan.Zero;
        sim.Auth.ExpireAccessTokens();
        var next = await RunSyncAsync(sim, refreshToken, whileRunning: null);

        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Equal(2, sim.Auth.RefreshCount);
    }

    /// <summary>
    /// pwsh -Command "Import-Module …; Invoke-TraktSync -NoInflux" against the simulator, in a scratch HOME (so no
    /// config.toml), with no TraktTracker setting inherited from the test's environment.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunSyncAsync(TraktSimulator sim, string refreshToken, Func<Process, Task>? whileRunning)
    {
        var script = $"Import-Module '{PublishedModule.Manifest}'; Invoke-TraktSync -NoInflux -StateDbPath '{Path.Combine(_temp, "state.db")}'";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { PwshDll(), "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRAKT_", StringComparison.Ordinal) || k.StartsWith("INFLUX_", StringComparison.Ordinal) || k == "CONFIG_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = _temp;
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["ENABLE_INFLUX"] = "false";
        start.Environment["TRAKT_API_URL"] = sim.BaseUrl.ToString();
        start.Environment["TRAKT_AUTH_URL"] = sim.BaseUrl.ToString();
        start.Environment["TRAKT_CLIENT_ID"] = sim.Options.ClientId;
        start.Environment["TRAKT_CLIENT_SECRET"] = sim.Options.ClientSecret;
        start.Environment["TRAKT_REFRESH_TOKEN"] = refreshToken;

        using var pwsh = new Process { StartInfo = start };
        var output = new StringBuilder();
        pwsh.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        pwsh.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        pwsh.Start();
        pwsh.BeginOutputReadLine();
        pwsh.BeginErrorReadLine();
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(pwsh);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await pwsh.WaitForExitAsync(deadline.Token);
            pwsh.WaitForExit();
        }
        finally
        {
            if (!pwsh.HasExited)
            {
                pwsh.Kill(entireProcessTree: true);
            }
        }

        lock (output) return (pwsh.ExitCode, output.ToString());
    }

    /// <summary>The pwsh of the repository's local tool manifest, from the NuGet package folder it was restored to.</summary>
    private static string PwshDll()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, ".config", "dotnet-tools.json")));
        var version = manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var dll = Path.Combine(packages, "powershell", version, "tools", "net10.0", "any", "unix", "pwsh.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: run 'dotnet tool restore' in the repository first.");
        return dll;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
