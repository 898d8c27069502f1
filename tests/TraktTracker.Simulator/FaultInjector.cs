using Microsoft.AspNetCore.Http;

namespace TraktTracker.Simulator;

/// <summary>
/// A FIFO queue of failures. Each request takes the first queued fault whose path prefix matches it (null
/// matches every request); <see cref="SimFault.MalformedItem"/> is only taken by history page GETs.
/// Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<Entry> _queue = [];

    /// <summary>Faults not yet taken (an entry queued with times = 3 counts 3).</summary>
    public int Pending { get { lock (_gate) return _queue.Sum(e => e.Remaining); } }

    public void Enqueue(SimFault fault, string? pathPrefix = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate) _queue.Add(new Entry(fault, pathPrefix, times));
    }

    public void Clear()
    {
        lock (_gate) _queue.Clear();
    }

    internal SimFault? Take(string method, string path)
    {
        lock (_gate)
        {
            var entry = _queue.FirstOrDefault(e => e.AppliesTo(method, path));
            if (entry is null) return null;
            if (--entry.Remaining == 0) _queue.Remove(entry);
            return entry.Fault;
        }
    }

    private sealed class Entry(SimFault fault, string? pathPrefix, int times)
    {
        public SimFault Fault { get; } = fault;

        public int Remaining { get; set; } = times;

        public bool AppliesTo(string method, string path)
        {
            if (pathPrefix is not null && !path.StartsWith(pathPrefix, StringComparison.Ordinal)) return false;
            return Fault.Kind != SimFaultKind.MalformedItem
                || (HttpMethods.IsGet(method) && path.StartsWith("/sync/history", StringComparison.Ordinal));
        }
    }
}
