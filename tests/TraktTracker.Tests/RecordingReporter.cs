using System.Collections.Concurrent;

namespace TraktTracker.Tests;

/// <summary>
/// Keeps everything the engine reports, in order, to check what users would see in -Verbose, warnings and logs.
/// Thread-safe: the engine reports from worker threads.
/// </summary>
internal sealed class RecordingReporter : IRunReporter
{
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    /// <summary>Every report as one prefixed line, in arrival order.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public IReadOnlyList<string> VerboseMessages => _verbose.ToList();

    public IReadOnlyList<string> Warnings => _warnings.ToList();

    public void Verbose(string message)
    {
        _verbose.Enqueue(message);
        Lines.Enqueue("VERBOSE: " + message);
    }

    public void Info(string message) => Lines.Enqueue("INFO: " + message);

    public void Warning(string message)
    {
        _warnings.Enqueue(message);
        Lines.Enqueue("WARNING: " + message);
    }

    public void Progress(string activity, string status, int percent) => Lines.Enqueue($"PROGRESS: {activity} {status} {percent}");

    public void ProgressCompleted(string activity) => Lines.Enqueue("DONE: " + activity);
}
