using Xunit;
using System.Diagnostics;
using TraktTracker.Scheduling;

namespace TraktTracker.Tests.Scheduling;

internal static class ScheduleAssert
{
    /// <summary>Everything an entry says, as a comparable value (records compare lists by reference).</summary>
    public static object Shape(ScheduleEntry entry) => new
    {
        entry.Backend,
        entry.Job,
        entry.Cron,
        entry.TimeZone,
        entry.Command,
        entry.LogPath,
        Artifacts = string.Join("\n---\n", entry.Artifacts.Select(a => a.Location + "\n" + a.Content)),
    };

    public static void SameEntries(IEnumerable<ScheduleEntry> expected, IEnumerable<ScheduleEntry> actual)
        => Assert.Equal(expected.Select(Shape), actual.Select(Shape));

    /// <summary>The command part of the installed crontab line, with cron's \% unescaped as cron does before running it.</summary>
    public static string InstalledCronCommand(string timePrefix)
        => CrontabGuard.Read()!.Split('\n').Single(line => line.StartsWith(timePrefix))[timePrefix.Length..].Replace("\\%", "%");

    /// <summary>Runs a POSIX shell command line the way cron and launchd would, returning the exit code.</summary>
    public static int RunShell(string commandLine)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    public static (int Exit, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TZ"] = "UTC";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
