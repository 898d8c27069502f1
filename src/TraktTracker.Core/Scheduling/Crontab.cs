namespace TraktTracker.Scheduling;

/// <summary>The current user's crontab, through the <c>crontab</c> command (never the spool files).</summary>
internal sealed class Crontab(ScheduleEnvironment environment)
{
    public string Location => $"crontab of {environment.UserName}";

    /// <summary><c>crontab -l</c>; an empty string when the user has none yet.</summary>
    public string Read()
    {
        var result = ExternalCommand.Run(Executable(), ["-l"]);
        if (result.Succeeded)
        {
            return result.StandardOutput;
        }

        if (result.StandardError.Contains("no crontab for", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        throw new ScheduleException(ScheduleErrorKind.BackendFailed, $"'crontab -l' failed: {result.Complaint}");
    }

    /// <summary><c>crontab -</c> with the whole new content on standard input.</summary>
    public void Write(string content)
    {
        var result = ExternalCommand.Run(Executable(), ["-"], content);
        if (!result.Succeeded)
        {
            throw new ScheduleException(ScheduleErrorKind.BackendFailed,
                $"'crontab -' refused the new crontab (your crontab is unchanged): {result.Complaint}");
        }
    }

    private string Executable() => environment.FindExecutable("crontab")
        ?? throw new ScheduleException(ScheduleErrorKind.BackendUnavailable,
            "The Cron backend needs the 'crontab' command, which is not on PATH. Install cron "
            + "(Debian/Ubuntu: apt-get install cron) or choose another -Backend.");
}
