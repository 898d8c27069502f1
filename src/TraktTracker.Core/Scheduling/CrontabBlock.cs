namespace TraktTracker.Scheduling;

/// <summary>
/// A crontab split into the user's own lines and TraktTracker's block between two marker comments. Only the
/// block is ever rewritten; it always goes last so its CRON_TZ lines cannot reach the user's entries.
/// </summary>
internal sealed class CrontabBlock
{
    public const string BeginMarker = "# >>> trakt-tracker: managed by Register-TraktSchedule, replaced on every registration >>>";
    public const string EndMarker = "# <<< trakt-tracker <<<";

    private readonly IReadOnlyList<string> userLines;

    private CrontabBlock(IReadOnlyList<string> userLines, IReadOnlyList<string> chunks)
    {
        this.userLines = userLines;
        Chunks = chunks;
    }

    /// <summary>Our job chunks: a metadata comment, the CRON_TZ line and the job line each.</summary>
    public IReadOnlyList<string> Chunks { get; }

    public static CrontabBlock Parse(string crontab)
    {
        var lines = crontab.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var begin = lines.FindIndex(line => line.TrimEnd() == BeginMarker);
        if (begin < 0)
        {
            return new CrontabBlock(lines, []);
        }

        var end = lines.FindIndex(begin + 1, line => line.TrimEnd() == EndMarker);
        if (end < 0)
        {
            throw new ScheduleException(ScheduleErrorKind.BackendFailed,
                "Your crontab has the start of TraktTracker's block but not its end marker "
                + $"('{EndMarker}'). Nothing was changed: fix it with 'crontab -e' (add the marker or delete the block).");
        }

        var user = lines.Take(begin).Concat(lines.Skip(end + 1)).ToList();
        return new CrontabBlock(user, SplitChunks(lines.GetRange(begin + 1, end - begin - 1)));
    }

    /// <summary>The whole crontab with the block holding exactly <paramref name="chunks"/> (no block when empty).</summary>
    public string Render(IReadOnlyList<string> chunks)
    {
        var lines = chunks.Count == 0 ? userLines : [.. userLines, BeginMarker, .. chunks, EndMarker];
        return lines.Count == 0 ? "" : string.Join("\n", lines) + "\n";
    }

    private static List<string> SplitChunks(List<string> blockLines)
    {
        var chunks = new List<List<string>>();
        foreach (var line in blockLines)
        {
            if (ScheduleMetadata.Find(line) is not null)
            {
                chunks.Add([]);
            }

            chunks.LastOrDefault()?.Add(line);
        }

        return chunks.Select(chunk => string.Join("\n", chunk)).ToList();
    }
}
