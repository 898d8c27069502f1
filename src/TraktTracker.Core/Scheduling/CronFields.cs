namespace TraktTracker.Scheduling;

/// <summary>One field of a cron expression as the set of values it matches, within its range.</summary>
internal sealed record CronSet(int Min, int Max, IReadOnlyList<int> Values)
{
    /// <summary>Matches every value of the range, like <c>*</c>.</summary>
    public bool IsEvery => Values.Count == Max - Min + 1;

    /// <summary>
    /// True when the values are <c>start, start+step, …</c> up to the end of the range (a cron <c>*/step</c>
    /// or <c>start-max/step</c>), with at least three values so a plain list is not rewritten.
    /// </summary>
    public bool TryGetStep(out int start, out int step)
    {
        start = Values[0];
        step = Values.Count >= 3 ? Values[1] - Values[0] : 0;
        if (step < 2 || Values[^1] + step <= Max)
        {
            return false;
        }

        for (var i = 1; i < Values.Count; i++)
        {
            if (Values[i] - Values[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The values as runs of consecutive numbers, e.g. 1,2,3,5 → (1,3),(5,5).</summary>
    public IEnumerable<(int From, int To)> Runs()
    {
        var from = Values[0];
        for (var i = 1; i <= Values.Count; i++)
        {
            if (i == Values.Count || Values[i] != Values[i - 1] + 1)
            {
                yield return (from, Values[i - 1]);
                if (i < Values.Count)
                {
                    from = Values[i];
                }
            }
        }
    }

    /// <summary>Renders the set in a scheduler's syntax: a step form, runs as ranges, or single values.</summary>
    public string Render(CronSyntax syntax)
    {
        if (IsEvery)
        {
            return "*";
        }

        if (syntax.Step is not null && TryGetStep(out var start, out var step))
        {
            return syntax.Step(this, start, step);
        }

        return string.Join(",", Runs().Select(run => run.From == run.To
            ? syntax.Value(run.From)
            : run.To == run.From + 1
                ? syntax.Value(run.From) + "," + syntax.Value(run.To)
                : syntax.Value(run.From) + syntax.RangeSeparator + syntax.Value(run.To)));
    }
}

/// <summary>How one scheduler spells values, ranges and steps.</summary>
internal sealed record CronSyntax(Func<int, string> Value, string RangeSeparator, Func<CronSet, int, int, string>? Step)
{
    /// <summary>crontab(5): numbers, <c>a-b</c>, <c>*/s</c> and <c>a-b/s</c>.</summary>
    public static readonly CronSyntax Crontab = new(
        v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-",
        (set, start, step) => start == set.Min ? $"*/{step}" : $"{start}-{set.Max}/{step}");
}

/// <summary>
/// A 5-field cron expression reduced by Cronos to plain value sets (names, macros, <c>?</c>, ranges and steps
/// resolved; Sunday is 0), which every OS backend translates from.
/// </summary>
internal sealed record CronFields(CronSet Minutes, CronSet Hours, CronSet DaysOfMonth, CronSet Months, CronSet DaysOfWeek)
{
    /// <summary>Parses and normalises; refuses what no OS scheduler can express, naming the backend.</summary>
    public static CronFields Parse(string expression, ScheduledJob job, ScheduleBackend backend)
    {
        var setting = job.SettingName();
        var normalized = CronText.Parse(expression, setting, allowSeconds: false).ToString();
        var fields = normalized.Split(' ');
        var special = fields.FirstOrDefault(field => field.IndexOfAny(['L', 'W', '#']) >= 0);
        if (special is not null)
        {
            throw NotExpressible(expression, job, backend,
                $"'{special}' (last day, nearest weekday or n-th weekday) has no equivalent there; use plain values, ranges, lists and steps");
        }

        return new CronFields(
            Set(fields[0], 0, 59),
            Set(fields[1], 0, 23),
            Set(fields[2], 1, 31),
            Set(fields[3], 1, 12),
            Set(fields[4], 0, 6));
    }

    /// <summary>Both day fields restricted: Cronos (and so the service mode) needs both to match.</summary>
    public bool RestrictsBothDays => !DaysOfMonth.IsEvery && !DaysOfWeek.IsEvery;

    public static ScheduleException NotExpressible(string expression, ScheduledJob job, ScheduleBackend backend, string reason)
        => new(ScheduleErrorKind.InvalidSchedule,
            $"{job.SettingName()} '{expression}' cannot be scheduled with the {backend} backend: {reason}.");

    /// <summary>Refuses expressions that restrict both day-of-month and day-of-week, for backends that would OR them.</summary>
    public void RequireSingleDayField(string expression, ScheduledJob job, ScheduleBackend backend)
    {
        if (RestrictsBothDays)
        {
            throw NotExpressible(expression, job, backend,
                "it restricts both day-of-month and day-of-week; TraktTracker runs only on days matching both, "
                + "which this scheduler cannot express (it runs when either matches); restrict only one of the two");
        }
    }

    private static CronSet Set(string field, int min, int max)
    {
        var values = field == "*"
            ? Enumerable.Range(min, max - min + 1).ToArray()
            : field.Split(',').Select(int.Parse).Distinct().Order().ToArray();
        return new CronSet(min, max, values);
    }
}
