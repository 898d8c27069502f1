using Xunit;
using System.Diagnostics;

namespace TraktTracker.Tests.Scheduling;

/// <summary>Tests that edit the real crontab of the user running them; they never run in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class CrontabCollection : ICollectionFixture<CrontabGuard>
{
    public const string Name = "Real user crontab";
}

/// <summary>
/// Saves the user's crontab before the first test and puts it back after the last one, whatever happened
/// in between (xunit disposes collection fixtures after failures too).
/// </summary>
public sealed class CrontabGuard : IDisposable
{
    private readonly string? saved;

    public CrontabGuard()
    {
        saved = Read();
    }

    /// <summary><c>crontab -l</c>, or null when the user has no crontab.</summary>
    public static string? Read()
    {
        var (exit, output, error) = Run(["-l"], null);
        if (exit == 0)
        {
            return output;
        }

        Assert.Contains("no crontab", error);
        return null;
    }

    /// <summary>Installs exactly <paramref name="content"/>, or removes the crontab when it is null.</summary>
    public static void Write(string? content)
    {
        var (exit, _, error) = content is null ? Run(["-r"], null) : Run(["-"], content);
        Assert.True(exit == 0 || (content is null && error.Contains("no crontab")), $"crontab failed: {error}");
    }

    public void Dispose() => Write(saved);

    private static (int Exit, string Output, string Error) Run(string[] arguments, string? input)
    {
        var start = new ProcessStartInfo("crontab")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }
}
