using System.Collections;
using System.Management.Automation.Runspaces;
using Pwsh = System.Management.Automation.PowerShell;

namespace TraktTracker.TestSupport.PowerShell;

/// <summary>
/// The real PowerShell engine, hosted in-process, with one module imported through its manifest.
/// Only Microsoft.PowerShell.Core commands exist besides the module's:
/// no Select-Object, no Out-String. One session runs one script at a time.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"Module manifest not found: {manifestPath}. Build or publish the module first.", manifestPath);
        }

        ManifestPath = manifestPath;
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule([manifestPath]);
        _runspace = RunspaceFactory.CreateRunspace(Host, state);
        _runspace.Open();
    }

    /// <summary>The session for the TraktTracker module built next to the test assembly.</summary>
    public static PowerShellSession ForBuiltModule() => new(Path.Combine(AppContext.BaseDirectory, "TraktTracker.psd1"));

    public string ManifestPath { get; }

    public CaptureHost Host { get; } = new();

    /// <summary>
    /// Runs <paramref name="script"/>; <paramref name="parameters"/> bind to its <c>param()</c> block.
    /// Terminating errors inside a script land in <see cref="PowerShellResult.Errors"/>; with
    /// -ErrorAction Stop they throw from here instead.
    /// </summary>
    public PowerShellResult Invoke(string script, IDictionary? parameters = null)
    {
        Host.TakeText();
        using var ps = Pwsh.Create();
        ps.Runspace = _runspace;
        // A scope of its own, so variables a script sets ($ErrorActionPreference...) do not leak into the next one.
        ps.AddScript(script, useLocalScope: true);
        if (parameters is not null)
        {
            ps.AddParameters(parameters);
        }

        var output = ps.Invoke();
        return new PowerShellResult(
            output.ToList(),
            ps.Streams.Error.ToList(),
            ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Progress.ToList(),
            ps.Streams.Information.ToList(),
            Host.TakeText());
    }

    public void Dispose() => _runspace.Dispose();
}
