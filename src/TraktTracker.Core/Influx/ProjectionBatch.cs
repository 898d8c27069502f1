using TraktTracker.State;

namespace TraktTracker.Influx;

/// <summary>Outbox days gathered for one round of writes: their old ranges to delete and their new points.</summary>
internal sealed class ProjectionBatch
{
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> staleRanges = [];

    public List<string> Days { get; } = [];

    public List<LinePoint> RawPoints { get; } = [];

    public List<LinePoint> AggregatePoints { get; } = [];

    public bool IsEmpty => Days.Count == 0;

    /// <summary>The raw ranges to delete before writing, with touching neighbours joined into one range.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> StaleRanges => staleRanges;

    public void Add(string day, (DateTimeOffset Start, DateTimeOffset End) range, bool deleteFirst, IEnumerable<StoredPlay> plays, bool aggregate)
    {
        Days.Add(day);
        if (deleteFirst)
        {
            AddStaleRange(range);
        }

        var ofDay = plays.ToList();
        RawPoints.AddRange(ofDay.Select(p => ProjectionSchema.EventPoint(p.Play, p.IngestedAt)));
        if (aggregate)
        {
            AggregatePoints.AddRange(ProjectionSchema.DailyPoints(range.Start, ofDay.Select(p => p.Play)));
        }
    }

    private void AddStaleRange((DateTimeOffset Start, DateTimeOffset End) range)
    {
        if (staleRanges.Count > 0 && staleRanges[^1].End == range.Start)
        {
            staleRanges[^1] = (staleRanges[^1].Start, range.End);
        }
        else
        {
            staleRanges.Add(range);
        }
    }
}
