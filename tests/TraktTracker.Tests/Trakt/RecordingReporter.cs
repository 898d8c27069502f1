using System.Collections.Concurrent;

namespace TraktTracker.Tests.Trakt;

/// <summary>Keeps everything the client reports, to check what users would see in -Verbose and logs.</summary>
internal sealed class RecordingReporter : IRunReporter
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);

    public void Warning(string message) => Lines.Enqueue("WARNING: " + message);

    public void Progress(string activity, string status, int percent) => Lines.Enqueue($"PROGRESS: {activity} {status} {percent}");

    public void ProgressCompleted(string activity) => Lines.Enqueue("DONE: " + activity);
}
