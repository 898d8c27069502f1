using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using TraktTracker.Config;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Cli;

/// <summary>What a finished trakt-tracker process left behind.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// The built trakt-tracker.dll run by <c>dotnet</c> as a real child process, with an environment that holds only
/// what the test gives it (no TraktTracker setting of the machine leaks in) and a scratch HOME.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _newOutput = new(0);

    private CliProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The CLI build output this test assembly was compiled against (see the test csproj).</summary>
    public static string DllPath { get; } = typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TraktTrackerCliDll").Value!;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
        => RunInAsync(null, environment, args);

    /// <summary>As <see cref="RunAsync"/>, started in <paramref name="workingDirectory"/> (null: this process's).</summary>
    public static async Task<CliResult> RunInAsync(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = Start(environment, args, workingDirectory);
        return await cli.WaitForExitAsync(DefaultTimeout);
    }

    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => Start(environment, args, null);

    /// <summary>
    /// Through <c>env --default-signal=INT</c>, as from a terminal: a test run started in the background (<c>&amp;</c>,
    /// as CI may) hands its children SIGINT ignored, and .NET keeps an inherited ignore, so Ctrl+C could not be tested.
    /// </summary>
    private static ProcessStartInfo WithCtrlCDelivered(ProcessStartInfo start)
    {
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "--default-signal=INT");
        start.FileName = "env";
        return start;
    }

    private static CliProcess Start(IReadOnlyDictionary<string, string> environment, string[] args, string? workingDirectory)
    {
        Assert.True(File.Exists(DllPath), $"{DllPath} is missing: build tests/TraktTracker.Tests (it builds the CLI first).");
        var start = WithCtrlCDelivered(DotnetChild.StartInfo(DllPath, args));
        start.WorkingDirectory = workingDirectory ?? start.WorkingDirectory;
        foreach (var name in SettingNames.FileSettable.Append(SettingNames.ConfigPath))
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var cli = new CliProcess(new Process { StartInfo = start });
        cli._process.OutputDataReceived += (_, e) => cli.Append(cli._stdout, e.Data);
        cli._process.ErrorDataReceived += (_, e) => cli.Append(cli._stderr, e.Data);
        cli._process.Start();
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits until stdout satisfies <paramref name="condition"/>; fails with the output so far otherwise.</summary>
    public async Task WaitForStdoutAsync(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition(Stdout))
        {
            Assert.False(_process.HasExited && !condition(Stdout), $"trakt-tracker exited before {what}:\n{Stdout}\n{StderrSoFar}");
            try
            {
                await _newOutput.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No {what} within {timeout.TotalSeconds} s:\n{Stdout}\n{StderrSoFar}");
            }
        }
    }

    /// <summary>Sends a POSIX signal (15 = SIGTERM, 2 = SIGINT), as docker stop or Ctrl+C would, or 9 = SIGKILL.</summary>
    public void Signal(int signal) => Assert.Equal(0, kill(_process.Id, signal));

    public async Task<CliResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"trakt-tracker did not exit within {timeout.TotalSeconds} s:\n{Stdout}\n{StderrSoFar}");
        }

        _process.WaitForExit(); // drains the redirected streams
        return new CliResult(_process.ExitCode, Stdout, StderrSoFar);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _newOutput.Dispose();
    }

    private string StderrSoFar { get { lock (_stderr) return _stderr.ToString(); } }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }

        _newOutput.Release();
    }

    public const int SigInt = 2;
    public const int SigTerm = 15;
    public const int SigKill = 9;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
