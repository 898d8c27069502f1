namespace TraktTracker.EngineHost;

/// <summary>
/// Writes every engine message to stderr, one line each, flushed at once so a test reading the pipe knows
/// which phase the run is in when it kills it. Lines: <c>marker|…</c>, <c>verbose|…</c>, <c>info|…</c>, <c>warning|…</c>,
/// <c>progress|activity|status</c>, <c>completed|activity</c>, <c>error|…</c>.
/// </summary>
internal sealed class StderrReporter : IRunReporter
{
    private readonly object _gate = new();

    public void Marker(string text) => Line("marker", text);

    public void Error(string message) => Line("error", message);

    public void Verbose(string message) => Line("verbose", message);

    public void Info(string message) => Line("info", message);

    public void Warning(string message) => Line("warning", message);

    public void Progress(string activity, string status, int percent) => Line("progress", $"{activity}|{status}");

    public void ProgressCompleted(string activity) => Line("completed", activity);

    private void Line(string kind, string text)
    {
        lock (_gate)
        {
            Console.Error.WriteLine($"{kind}|{text.ReplaceLineEndings(" ")}");
            Console.Error.Flush();
        }
    }
}
