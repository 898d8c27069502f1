using System.Diagnostics;
using System.Text;
using TraktTracker.Config;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Crash;

/// <summary>
/// The EngineHost program (tests/TraktTracker.EngineHost, built next to the tests) as a real child process running
/// one engine operation. Its stderr lines are collected as they arrive, so a test can wait for a phase marker and
/// kill the process there, as a crash, a reboot or an OOM killer would.
/// </summary>
internal sealed class EngineHostProcess : IDisposable
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "TraktTracker.EngineHost.dll");

    private readonly Process _process;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _errorLines = [];
    private readonly List<TimeSpan> _arrivals = [];
    private readonly StringBuilder _output = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _errorClosed;

    private EngineHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> ErrorLines
    {
        get { lock (_gate) return _errorLines.ToList(); }
    }

    public string Output
    {
        get { lock (_gate) return _output.ToString(); }
    }

    /// <summary>Starts <c>EngineHost arguments…</c> configured by <paramref name="settings"/> (files go to <paramref name="folder"/>).</summary>
    public static EngineHostProcess Start(TrackerSettings settings, string folder, params string[] arguments)
    {
        var start = DotnetChild.StartInfo(HostDll, arguments);
        HostConfiguration.Apply(start, settings, folder);
        var child = new EngineHostProcess(new Process { StartInfo = start });
        child._process.ErrorDataReceived += (_, e) => child.OnErrorLine(e.Data);
        child._process.OutputDataReceived += (_, e) => child.OnOutputLine(e.Data);
        child._process.Start();
        child._process.BeginErrorReadLine();
        child._process.BeginOutputReadLine();
        return child;
    }

    /// <summary>
    /// Waits for the <paramref name="occurrence"/>-th stderr line that <paramref name="match"/>es. False when the
    /// process ended without printing it.
    /// </summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, int occurrence, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_errorLines.Count(match) >= occurrence)
                {
                    return true;
                }

                if (_errorClosed)
                {
                    return false;
                }

                changed = _changed.Task;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"The EngineHost did not print the awaited line within {timeout.TotalSeconds:0.#} s:\n{Describe()}");
            }
        }
    }

    /// <summary>Kills the process and everything it started (SIGKILL on Unix), then waits until its output is drained.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) when (_process.HasExited)
        {
            // It finished on its own a moment before.
        }

        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The EngineHost did not finish within {timeout.TotalSeconds:0.#} s:\n{Describe()}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Everything the process printed, stderr lines with the time they arrived since the start, for failure messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var timed = _errorLines.Select((line, i) => $"{_arrivals[i].TotalMilliseconds,7:0} ms {line}");
            return $"stdout:\n{_output}stderr:\n{string.Join('\n', timed)}";
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void OnErrorLine(string? line)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (line is null)
            {
                _errorClosed = true;
            }
            else
            {
                _errorLines.Add(line);
                _arrivals.Add(_clock.Elapsed);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    private void OnOutputLine(string? line)
    {
        if (line is not null)
        {
            lock (_gate) _output.AppendLine(line);
        }
    }
}
