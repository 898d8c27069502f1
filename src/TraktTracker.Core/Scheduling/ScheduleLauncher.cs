namespace TraktTracker.Scheduling;

/// <summary>
/// How a scheduled run starts: the PowerShell module through <c>pwsh</c>, or the <c>trakt-tracker</c> command
/// line (which reads CONFIG_PATH and STATE_DB_PATH from its environment).
/// </summary>
public sealed record ScheduleLauncher
{
    private ScheduleLauncher(string executable, IReadOnlyList<string> leadingArguments, string? moduleManifestPath)
    {
        Executable = executable;
        LeadingArguments = leadingArguments;
        ModuleManifestPath = moduleManifestPath;
    }

    public string Executable { get; }

    /// <summary>Arguments before the job's own, e.g. the path of <c>trakt-tracker.dll</c> when run by <c>dotnet</c>.</summary>
    public IReadOnlyList<string> LeadingArguments { get; }

    /// <summary>The module's psd1 when the run goes through pwsh; null for the command line.</summary>
    public string? ModuleManifestPath { get; }

    public bool UsesCli => ModuleManifestPath is null;

    /// <summary><c>pwsh -NoProfile -NonInteractive -Command "$PSStyle.OutputRendering = 'PlainText'; Import-Module '…'; Invoke-TraktSync …"</c>.</summary>
    public static ScheduleLauncher Module(string pwshPath, string moduleManifestPath) => new(pwshPath, [], moduleManifestPath);

    /// <summary><c>trakt-tracker --once incremental</c> (or <c>dotnet trakt-tracker.dll …</c> with a leading argument).</summary>
    public static ScheduleLauncher Cli(string executable, params string[] leadingArguments) => new(executable, leadingArguments, null);

    internal JobCommand CommandFor(ScheduledJob job, string? configPath, string stateDbPath)
        => UsesCli ? CliCommand(job, configPath, stateDbPath) : ModuleCommand(job, configPath, stateDbPath);

    private JobCommand CliCommand(ScheduledJob job, string? configPath, string stateDbPath)
    {
        var environment = new List<KeyValuePair<string, string>>();
        if (configPath is not null)
        {
            environment.Add(new("CONFIG_PATH", configPath));
        }

        environment.Add(new("STATE_DB_PATH", stateDbPath));
        var mode = job == ScheduledJob.Sync ? "incremental" : "reconcile";
        return new JobCommand([Executable, .. LeadingArguments, "--once", mode], environment);
    }

    private JobCommand ModuleCommand(ScheduledJob job, string? configPath, string stateDbPath)
    {
        var cmdlet = job == ScheduledJob.Sync ? "Invoke-TraktSync" : "Invoke-TraktReconcile";
        var config = configPath is null ? "" : $" -ConfigPath {CommandQuoting.PowerShell(configPath)}";
        // The log is a plain file: no ANSI colour codes in errors, warnings or tables.
        var script = "$PSStyle.OutputRendering = 'PlainText'; "
            + $"Import-Module {CommandQuoting.PowerShell(ModuleManifestPath!)}; "
            + $"{cmdlet}{config} -StateDbPath {CommandQuoting.PowerShell(stateDbPath)}";
        return new JobCommand([Executable, .. LeadingArguments, "-NoProfile", "-NonInteractive", "-Command", script], []);
    }
}

/// <summary>A run as argv plus the environment variables it needs.</summary>
internal sealed record JobCommand(IReadOnlyList<string> Arguments, IReadOnlyList<KeyValuePair<string, string>> Environment);
