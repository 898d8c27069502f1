using TraktTracker.Influx;

namespace TraktTracker.Tests.Influx;

/// <summary>
/// The measurement, tag and field names the projector really writes, read off points it serializes, so the
/// dashboard checks follow the code rather than a copied list.
/// </summary>
internal static class DashboardSchema
{
    public static IReadOnlyDictionary<string, (ISet<string> Tags, ISet<string> Fields)> Measurements { get; } = Read();

    private static Dictionary<string, (ISet<string>, ISet<string>)> Read()
    {
        var episode = new WatchEvent
        {
            HistoryId = 1, WatchedAt = TestPlays.Utc(2026, 1, 2), Type = MediaType.Episode, Title = "T", Year = 2008, ShowTitle = "S",
            Season = 1, Episode = 2, RuntimeMinutes = 47, Action = "watch", TraktId = 3, ShowTraktId = 4,
        };
        var points = ProjectionSchema.DailyPoints(TestPlays.Utc(2026, 1, 2), [episode])
            .Prepend(ProjectionSchema.EventPoint(episode, TestPlays.Utc(2026, 1, 3)));
        return points.Select(p => p.ToLineProtocol().Split(' '))
            .GroupBy(parts => parts[0].Split(',')[0])
            .ToDictionary(g => g.Key, g => (Keys(g.First()[0].Split(',').Skip(1)), Keys(g.First()[1].Split(','))));
    }

    private static ISet<string> Keys(IEnumerable<string> pairs) => pairs.Select(p => p.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
}
