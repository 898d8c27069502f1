namespace TraktTracker.Simulator;

/// <summary>
/// One request as the simulator saw it. Token values are never kept, only whether an Authorization header
/// was sent. <see cref="Status"/> is 0 when the connection was aborted without a response.
/// </summary>
public sealed record LoggedRequest(
    DateTimeOffset At, string Method, string Path, string PathAndQuery, int Status, string? UserAgent, bool HadAuthorization,
    string? ContentEncoding = null);

/// <summary>Every request the simulator answered, in completion order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<LoggedRequest> _requests = [];
    private readonly Dictionary<string, int> _arrivals = [];

    public int Total { get { lock (_gate) return _requests.Count; } }

    public IReadOnlyList<LoggedRequest> All { get { lock (_gate) return _requests.ToList(); } }

    /// <summary>Requests whose path (without query) starts with <paramref name="pathPrefix"/>.</summary>
    public int Count(string pathPrefix, string method = "GET")
    {
        lock (_gate)
        {
            return _requests.Count(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)
                && string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Requests to exactly <paramref name="path"/> that reached the simulator, answered or not yet.</summary>
    public int Arrived(string path)
    {
        lock (_gate) return _arrivals.GetValueOrDefault(path);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _arrivals.Clear();
        }
    }

    internal void NoteArrival(string path)
    {
        lock (_gate) _arrivals[path] = _arrivals.GetValueOrDefault(path) + 1;
    }

    internal void Add(LoggedRequest request)
    {
        lock (_gate) _requests.Add(request);
    }
}
