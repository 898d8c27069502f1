using System.Management.Automation;

namespace TraktTracker.TestSupport.PowerShell;

/// <summary>What one script run produced, stream by stream.</summary>
public sealed record PowerShellResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<InformationRecord> Information,
    string HostText)
{
    /// <summary>The output's base objects (the real CLR objects the cmdlets wrote).</summary>
    public IReadOnlyList<object> Objects => Output.Select(o => o.BaseObject).ToList();

    /// <summary>Throws with every error's id and message when the run wrote errors; returns itself otherwise.</summary>
    public PowerShellResult EnsureNoErrors()
    {
        if (Errors.Count > 0)
        {
            throw new InvalidOperationException("The script wrote errors:\n" + string.Join("\n", Errors.Select(Describe)));
        }

        return this;
    }

    /// <summary>The single error record, with a readable failure when there are none or several.</summary>
    public ErrorRecord SingleError()
        => Errors.Count == 1
            ? Errors[0]
            : throw new InvalidOperationException($"Expected one error, got {Errors.Count}:\n" + string.Join("\n", Errors.Select(Describe)));

    public static string Describe(ErrorRecord error)
        => $"{error.FullyQualifiedErrorId} [{error.CategoryInfo.Category}]: {error.ErrorDetails?.Message ?? error.Exception.Message}";
}
