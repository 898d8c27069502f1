using System.Diagnostics;

namespace TraktTracker.Scheduling;

/// <summary>What an OS scheduler tool printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The tool's own complaint, for error messages.</summary>
    public string Complaint => StandardError.Trim().Length > 0 ? StandardError.Trim() : StandardOutput.Trim();
}

/// <summary>Runs the OS scheduler tools (crontab, systemctl, launchctl, schtasks) with arguments, never a shell.</summary>
internal static class ExternalCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static CommandResult Run(string executable, IEnumerable<string> arguments, string? standardInput = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = standardInput is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new ScheduleException(ScheduleErrorKind.BackendUnavailable, $"Could not start '{executable}'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ScheduleException(ScheduleErrorKind.BackendFailed,
                $"'{executable} {string.Join(' ', start.ArgumentList)}' did not finish within {Timeout.TotalSeconds:0} s.");
        }

        return new CommandResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
