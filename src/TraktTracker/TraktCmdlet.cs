using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>
/// Plumbing every engine-calling cmdlet shares: settings from parameters, engine exceptions as ErrorRecords,
/// a cancellation token that Ctrl+C (StopProcessing) cancels, and engine calls awaited on the pipeline thread
/// while the engine's reports are written.
/// </summary>
public abstract class TraktCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PipelineReporter? _reporter;

    /// <summary>The config.toml to read (CONFIG_PATH); the per-user default when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>The SQLite state store (STATE_DB_PATH); the per-user default when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StateDbPath { get; set; }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken Cancellation => _stop.Token;

    /// <summary>Writes engine reports as Verbose/Warning/Progress on the pipeline thread.</summary>
    internal PipelineReporter Reporter => _reporter ??= new PipelineReporter(this, _stop);

    protected sealed override void ProcessRecord()
    {
        try
        {
            ProcessTraktRecord();
        }
        catch (Exception ex) when (ex is not RuntimeException)
        {
            // RuntimeExceptions are PowerShell's own (stopping, -ErrorAction Stop, host prompts): let them through.
            ThrowTerminatingError(EngineErrors.ToErrorRecord(ex, ErrorTarget));
        }
    }

    /// <summary>The cmdlet's work: bind, call the engine, write results.</summary>
    protected abstract void ProcessTraktRecord();

    /// <summary>What an ErrorRecord names as its target.</summary>
    protected virtual object? ErrorTarget => StateDbPath ?? ConfigPath;

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();

    /// <summary>Resolves the settings: this cmdlet's parameters, then environment, config.toml and defaults.</summary>
    protected TrackerSettings LoadSettings()
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (ConfigPath is not null)
        {
            overrides[SettingNames.ConfigPath] = ResolvePath(ConfigPath);
        }

        if (StateDbPath is not null)
        {
            overrides[SettingNames.StateDbPath] = ResolvePath(StateDbPath);
        }

        AddSettingOverrides(overrides);
        return SettingsLoader.Load(overrides);
    }

    /// <summary>Adds settings a cmdlet's own parameters override, keyed by their environment-variable names.</summary>
    protected virtual void AddSettingOverrides(IDictionary<string, string?> overrides)
    {
    }

    /// <summary>Opens the state store; <paramref name="exclusive"/> takes the one-run-at-a-time lock.</summary>
    protected TrackerRuntime OpenRuntime(bool exclusive) => OpenRuntime(LoadSettings(), exclusive);

    /// <inheritdoc cref="OpenRuntime(bool)"/>
    protected TrackerRuntime OpenRuntime(TrackerSettings settings, bool exclusive) => TrackerRuntime.Open(settings, Reporter, exclusive, ct: Cancellation);

    /// <summary>Runs an engine call off the pipeline thread and waits for it, writing its reports meanwhile.</summary>
    protected T RunEngine<T>(Func<CancellationToken, Task<T>> call) => Reporter.Await(Task.Run(() => call(Cancellation)));

    /// <inheritdoc cref="RunEngine{T}"/>
    protected void RunEngine(Func<CancellationToken, Task> call) => Reporter.Await(Task.Run(() => call(Cancellation)));

    /// <summary>ShouldProcess that the engine may call from any thread.</summary>
    protected bool ShouldProcessFromAnyThread(string target, string action) => Reporter.Ask(() => ShouldProcess(target, action));

    /// <summary>An -After/-Before date as an instant: PowerShell dates without a zone ([datetime]'2024-05-01') mean local
    /// time, as users type them.</summary>
    protected static DateTimeOffset? ToInstant(DateTime? value) => value is { } date ? new DateTimeOffset(date) : null;

    /// <summary>A path as PowerShell users mean it: relative to the current location, ~ expanded, drives honoured.</summary>
    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
