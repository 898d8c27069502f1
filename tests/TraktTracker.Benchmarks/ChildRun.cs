using System.Diagnostics;
using TraktTracker.TestSupport;

namespace TraktTracker.Benchmarks;

/// <summary>
/// One run of a .NET program as its own process: wall time from spawn to exit, and the peak resident set
/// (Linux <c>VmHWM</c>, sampled while it runs; the high-water mark only grows, so the last sample is the peak).
/// </summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Wall, double PeakMegabytes, string Output)
{
    public static async Task<ChildRun> RunAsync(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = DotnetChild.StartInfo(dll, args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peakKb = 0L;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, HighWaterKb(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        return new ChildRun(process.ExitCode, clock.Elapsed, peakKb / 1024.0, await stdout + await stderr);
    }

    private static long HighWaterKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0; // the process ended between two samples
        }
    }
}
