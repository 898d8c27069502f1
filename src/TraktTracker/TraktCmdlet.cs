using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Trakt;

namespace TraktTracker.Commands;

/// <summary>
/// Plumbing every engine-calling cmdlet shares: settings from parameters, engine exceptions as ErrorRecords,
/// a cancellation token that Ctrl+C (StopProcessing) cancels, and engine calls awaited on the pipeline thread
/// while the engine's reports are written.
/// </summary>
/// <remarks>
/// No field of a public type in this assembly may have a value type of the engine (an enum, say): PowerShell loads
/// every exported type while it imports the module, before <see cref="Loading.ModuleInit"/> has made the engine
/// loadable, and a field's value type is needed to lay out its class. Parameters of engine enums therefore keep
/// their value in an int field; property signatures and method bodies are resolved later, when the engine loads.
/// </remarks>
public abstract class TraktCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PipelineReporter? _reporter;

    /// <summary>The config.toml to read (CONFIG_PATH); the per-user default when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>The SQLite state store (STATE_DB_PATH); the per-user default when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? StateDbPath { get; set; }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken Cancellation => _stop.Token;

    /// <summary>Writes engine reports as Verbose/Warning/Progress on the pipeline thread.</summary>
    internal PipelineReporter Reporter => _reporter ??= new PipelineReporter(this, _stop);

    /// <summary>The settings of the current record, once <see cref="LoadSettings"/> resolved them.</summary>
    private TrackerSettings? Settings { get; set; }

    protected sealed override void ProcessRecord()
    {
        Settings = null;
        try
        {
            ProcessTraktRecord();
        }
        catch (Exception ex) when (ex is not RuntimeException)
        {
            // RuntimeExceptions are PowerShell's own (stopping, -ErrorAction Stop, host prompts): let them through.
            var record = EngineErrors.ToErrorRecord(ex, ErrorTarget(ex));
            if (ConcernsOneItem(ex))
            {
                WriteError(record);
            }
            else
            {
                ThrowTerminatingError(record);
            }
        }
    }

    /// <summary>The cmdlet's work: bind, call the engine, write results.</summary>
    protected abstract void ProcessTraktRecord();

    /// <summary>
    /// True when the failure concerns only the current input (one of several stores piped in), not the run: it is
    /// written as a non-terminating error, so -ErrorAction decides whether the pipeline goes on.
    /// </summary>
    protected virtual bool ConcernsOneItem(Exception exception) => false;

    /// <summary>What an ErrorRecord names as its target when the exception names none: the path or URL at fault.</summary>
    protected virtual object? ErrorTarget(Exception exception) => exception switch
    {
        InfluxException when Settings?.InfluxUrl is { } influx => SafeUrl.Show(influx),
        // Missing or rejected tokens live in the state store; any other Trakt failure concerns the URL it called.
        TraktApiException trakt and not TraktAuthException when Settings is { } settings && TraktUrl(settings, trakt.Endpoint) is { } url => url,
        _ => Settings?.StateDbPath ?? StateDbPath ?? ConfigPath,
    };

    // "POST /oauth/device/token" goes to the auth host, everything else to the API host; no query, no user info.
    private static string? TraktUrl(TrackerSettings settings, string endpoint)
    {
        var path = endpoint.Split(' ', 2)[^1].Split('?', 2)[0];
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var host = path.StartsWith("/oauth", StringComparison.Ordinal) ? settings.TraktAuthUrl : settings.TraktApiUrl;
        return SafeUrl.Show(host).TrimEnd('/') + path;
    }

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();

    /// <summary>Resolves the settings: this cmdlet's parameters, then environment, config.toml and defaults.</summary>
    protected TrackerSettings LoadSettings()
    {
        Settings = SettingsLoader.Load(SettingOverrides());
        return Settings;
    }

    /// <summary>The settings this cmdlet's parameters set, keyed by their environment-variable names.</summary>
    protected IReadOnlyDictionary<string, string?> SettingOverrides()
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
        return overrides;
    }

    /// <summary>Adds settings a cmdlet's own parameters override, keyed by their environment-variable names.</summary>
    protected virtual void AddSettingOverrides(IDictionary<string, string?> overrides)
    {
    }

    /// <summary>Opens (creating when needed) the state store; <paramref name="exclusive"/> takes the one-run-at-a-time lock.</summary>
    protected TrackerRuntime OpenRuntime(TrackerSettings settings, bool exclusive) => TrackerRuntime.Open(settings, Reporter, exclusive, ct: Cancellation);

    /// <summary>
    /// Runs an engine call off the pipeline thread and waits for it, writing its reports meanwhile. SIGTERM stops it
    /// at its next safe point (see <see cref="TerminationDeferral"/>), then ends the process.
    /// </summary>
    protected T RunEngine<T>(Func<CancellationToken, Task<T>> call)
    {
        using var termination = new TerminationDeferral(_stop);
        try
        {
            return Reporter.Await(Task.Run(() => call(Cancellation)));
        }
        finally
        {
            if (termination.Received)
            {
                // Straight to stderr: the pipeline may be gone, and a scheduled run's log must show why it ended.
                Console.Error.WriteLine($"{MyInvocation.MyCommand.Name}: stopped by SIGTERM at a safe point; what was stored so far, the Trakt login included, is kept.");
                Environment.Exit(TerminationDeferral.ExitCode);
            }
        }
    }

    /// <inheritdoc cref="RunEngine{T}"/>
    protected void RunEngine(Func<CancellationToken, Task> call) => RunEngine(async ct =>
    {
        await call(ct);
        return true;
    });

    /// <summary>True under -WhatIf (or $WhatIfPreference): ShouldProcess only reports, so nothing may change.</summary>
    protected bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
        ? ((SwitchParameter)whatIf).IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// Fails with a clear error when there is no state store at <paramref name="settings"/>' path: commands that only read
    /// or change an existing store never create one (opening would create an empty store and its folder).
    /// </summary>
    protected static void RequireStore(TrackerSettings settings, string why)
    {
        if (!File.Exists(settings.StateDbPath))
        {
            throw new StateMissingException(settings.StateDbPath,
                $"There is no state store at {settings.StateDbPath}, so {why}. Run Connect-Trakt and Invoke-TraktBackfill first, or pass -StateDbPath.");
        }
    }

    /// <summary>The -Type/-After/-Before selection of the cmdlets that read plays, so they read them alike.</summary>
    protected static HistoryFilter ToFilter(string? type, DateTime? after, DateTime? before)
        => new() { Type = MediaType.Normalize(type), After = ToInstant(after), Before = ToInstant(before) };

    /// <summary>An -After/-Before date as an instant: PowerShell dates without a zone ([datetime]'2024-05-01') mean local
    /// time, as users type them.</summary>
    private static DateTimeOffset? ToInstant(DateTime? value) => value is { } date ? new DateTimeOffset(date) : null;

    /// <summary>A path as PowerShell users mean it: relative to the current location, ~ expanded, drives honoured.</summary>
    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
