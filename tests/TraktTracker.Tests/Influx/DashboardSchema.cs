using TraktTracker.Influx;
using TraktTracker.Tests.State;

namespace TraktTracker.Tests.Influx;

/// <summary>
/// The measurement, tag and field names the projector really writes, read off points it serializes for a movie and
/// an episode play, so the dashboard checks follow the code rather than a copied list.
/// </summary>
internal static class DashboardSchema
{
    public static IReadOnlyDictionary<string, (ISet<string> Tags, ISet<string> Fields)> Measurements { get; } =
        Points().ToDictionary(m => m.Key, m => ((ISet<string>)m.Value.Tags.Keys.ToHashSet(StringComparer.Ordinal), m.Value.Fields));

    /// <summary>Each measurement's tags with the values those two plays give them (media_type: movie, episode, all).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ISet<string>>> TagValues { get; } =
        Points().ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, ISet<string>>)m.Value.Tags);

    private static Dictionary<string, (Dictionary<string, ISet<string>> Tags, ISet<string> Fields)> Points()
    {
        var episode = new WatchEvent
        {
            HistoryId = 1, WatchedAt = Plays.Utc(2026, 1, 2), Type = MediaType.Episode, Title = "T", Year = 2008, ShowTitle = "S",
            Season = 1, Episode = 2, RuntimeMinutes = 47, Action = "watch", TraktId = 3, ShowTraktId = 4,
        };
        var movie = new WatchEvent
        {
            HistoryId = 2, WatchedAt = Plays.Utc(2026, 1, 2), Type = MediaType.Movie, Title = "M", Year = 1999, RuntimeMinutes = 136,
            Action = "watch", TraktId = 5,
        };
        var points = ProjectionSchema.DailyPoints(Plays.Utc(2026, 1, 2), [episode, movie])
            .Concat([ProjectionSchema.EventPoint(episode, Plays.Utc(2026, 1, 3)), ProjectionSchema.EventPoint(movie, Plays.Utc(2026, 1, 3))]);
        var measurements = new Dictionary<string, (Dictionary<string, ISet<string>> Tags, ISet<string> Fields)>(StringComparer.Ordinal);
        foreach (var parts in points.Select(p => p.ToLineProtocol().Split(' ')))
        {
            var series = parts[0].Split(',');
            if (!measurements.TryGetValue(series[0], out var m))
            {
                m = (new Dictionary<string, ISet<string>>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                measurements[series[0]] = m;
            }

            foreach (var tag in series.Skip(1).Select(t => t.Split('=')))
            {
                m.Tags.TryAdd(tag[0], new SortedSet<string>(StringComparer.Ordinal));
                m.Tags[tag[0]].Add(tag[1]);
            }

            m.Fields.UnionWith(parts[1].Split(',').Select(f => f.Split('=')[0]));
        }

        return measurements;
    }
}
