using System.Diagnostics;

namespace TraktTracker.TestSupport;

/// <summary>How tests and benchmarks start a built .NET program as a real child process.</summary>
public static class DotnetChild
{
    /// <summary>
    /// <c>dotnet DLL ARGS…</c> through the muxer that runs the tests (so no installed apphost matters), with both
    /// output streams redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
