using System.Globalization;

namespace TraktTracker.Logging;

/// <summary>
/// A log of whole lines that reads well in a terminal and in a file: local time with offset, level, message.
/// DEBUG and INFO go to the output writer, WARNING and above to the error writer. Progress reports become
/// INFO lines, at most one per activity every <see cref="ProgressInterval"/>, so a log of a long backfill
/// stays short. Used by the command line as its engine reporter; safe to call from any thread.
/// </summary>
public sealed class LineLog : IRunReporter
{
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _output;
    private readonly TextWriter _errors;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DateTimeOffset> _lastProgress = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public LineLog(TextWriter output, TextWriter errors, LogLevel minimum, TimeProvider? time = null, TimeSpan? progressInterval = null)
    {
        _output = output;
        _errors = errors;
        _time = time ?? TimeProvider.System;
        Minimum = minimum;
        ProgressInterval = progressInterval ?? DefaultProgressInterval;
    }

    public LogLevel Minimum { get; }

    public TimeSpan ProgressInterval { get; }

    public void Write(LogLevel level, string message)
    {
        if (level < Minimum)
        {
            return;
        }

        var stamp = _time.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var writer = level >= LogLevel.Warning ? _errors : _output;
        lock (_gate)
        {
            writer.WriteLine($"{stamp} {level.Label()} {message}");
            writer.Flush();
        }
    }

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    public void Verbose(string message) => Write(LogLevel.Debug, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    public void Progress(string activity, string status, int percent)
    {
        if (!ProgressDue(activity))
        {
            return;
        }

        Info(percent is >= 0 and <= 100 ? $"{activity}: {status} ({percent}%)" : $"{activity}: {status}");
    }

    /// <summary>The next report of the activity is printed at once: a new run of it starts a new line of progress.</summary>
    public void ProgressCompleted(string activity)
    {
        lock (_gate)
        {
            _lastProgress.Remove(activity);
        }
    }

    private bool ProgressDue(string activity)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_lastProgress.TryGetValue(activity, out var last) && now - last < ProgressInterval)
            {
                return false;
            }

            _lastProgress[activity] = now;
            return true;
        }
    }
}
