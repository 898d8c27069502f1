namespace TraktTracker;

/// <summary>
/// How the engine tells its host what it is doing. Cmdlets map it to Write-Verbose/Warning/Progress,
/// the command line to its log. The engine never sees PowerShell.
/// </summary>
public interface IRunReporter
{
    void Verbose(string message);

    /// <summary>
    /// What a user watching a run should see without asking for detail: retries, long waits and their reasons.
    /// Hosts without an information channel of their own show it as verbose.
    /// </summary>
    void Info(string message) => Verbose(message);

    void Warning(string message);

    /// <summary>Long work: <paramref name="percent"/> is 0–100, or -1 when unknown.</summary>
    void Progress(string activity, string status, int percent);

    void ProgressCompleted(string activity);
}

/// <summary>A reporter that drops everything, for callers that want none of it.</summary>
public sealed class SilentReporter : IRunReporter
{
    public static readonly SilentReporter Instance = new();

    public void Verbose(string message) { }

    public void Warning(string message) { }

    public void Progress(string activity, string status, int percent) { }

    public void ProgressCompleted(string activity) { }
}
