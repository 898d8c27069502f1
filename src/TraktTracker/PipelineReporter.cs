using System.Management.Automation;
using System.Threading.Channels;

namespace TraktTracker.Commands;

/// <summary>
/// Carries engine callbacks to the pipeline thread. The engine reports from worker threads, but
/// WriteVerbose/WriteInformation/WriteWarning/WriteProgress/WriteObject may only run on the thread that runs the
/// cmdlet: callbacks from elsewhere are queued and executed by <see cref="Await{T}"/> while it waits.
/// </summary>
internal sealed class PipelineReporter : IRunReporter
{
    private readonly Cmdlet _cmdlet;
    private readonly CancellationTokenSource _stop;
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
    private readonly Channel<Action> _queued = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _progressIds = new(StringComparer.Ordinal);

    /// <summary>Must be created on the pipeline thread.</summary>
    public PipelineReporter(Cmdlet cmdlet, CancellationTokenSource stop)
    {
        _cmdlet = cmdlet;
        _stop = stop;
    }

    private bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

    public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(message));

    /// <summary>The information stream (6): shown with -InformationAction Continue, kept by transcripts.</summary>
    public void Info(string message) => Post(() => _cmdlet.WriteInformation(message, ["TraktTracker"]));

    public void Warning(string message) => Post(() => _cmdlet.WriteWarning(message));

    public void Progress(string activity, string status, int percent) => Post(() => _cmdlet.WriteProgress(
        new ProgressRecord(ProgressId(activity), NonEmpty(activity), NonEmpty(status)) { PercentComplete = Math.Clamp(percent, -1, 100) }));

    public void ProgressCompleted(string activity) => Post(() => _cmdlet.WriteProgress(
        new ProgressRecord(ProgressId(activity), NonEmpty(activity), "Completed") { RecordType = ProgressRecordType.Completed }));

    /// <summary>Runs <paramref name="write"/> on the pipeline thread: now, or when the waiting thread next pumps.</summary>
    public void Post(Action write)
    {
        if (OnPipelineThread)
        {
            write();
        }
        else
        {
            _queued.Writer.TryWrite(write);
        }
    }

    /// <summary>Waits for <paramref name="task"/> on the pipeline thread, executing queued callbacks meanwhile.</summary>
    public T Await<T>(Task<T> task)
    {
        Pump(task);
        return task.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Await{T}"/>
    public void Await(Task task)
    {
        Pump(task);
        task.GetAwaiter().GetResult();
    }

    private void Pump(Task task)
    {
        try
        {
            while (!task.IsCompleted)
            {
                RunQueued();
                Task.WaitAny(task, _queued.Reader.WaitToReadAsync().AsTask());
            }

            RunQueued();
        }
        catch
        {
            // A write failed (typically: the pipeline is stopping). Stop the engine and let it unwind
            // before the caller disposes what it is using.
            _stop.Cancel();
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            throw;
        }
    }

    private void RunQueued()
    {
        while (_queued.Reader.TryRead(out var write))
        {
            write();
        }
    }

    // One activity id per activity name, so nested or successive activities don't overwrite each other.
    private int ProgressId(string activity)
    {
        if (!_progressIds.TryGetValue(activity, out var id))
        {
            id = _progressIds.Count + 1;
            _progressIds[activity] = id;
        }

        return id;
    }

    // ProgressRecord rejects empty activity and status texts.
    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? "..." : text;
}
