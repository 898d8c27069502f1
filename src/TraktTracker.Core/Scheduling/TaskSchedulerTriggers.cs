using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace TraktTracker.Scheduling;

/// <summary>
/// Task Scheduler calendar triggers for a cron expression: one trigger per time of day (or one repeating
/// trigger when the times are evenly spaced), each carrying the same day pattern (daily, weekly, monthly).
/// </summary>
internal static class TaskSchedulerTriggers
{
    /// <summary>Task Scheduler accepts at most 48 triggers per task.</summary>
    internal const int MaxTriggers = 48;

    /// <summary>Up to this many times a day get a trigger each, which reads better than a repetition.</summary>
    private const int PlainTimesLimit = 12;

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    public static IReadOnlyList<XElement> For(JobSpec spec, XNamespace ns)
    {
        var fields = spec.Fields(ScheduleBackend.TaskScheduler);
        fields.RequireSingleDayField(spec.Cron, spec.Job, ScheduleBackend.TaskScheduler);
        var times = TimesOfDay(fields)
            ?? throw CronFields.NotExpressible(spec.Cron, spec.Job, ScheduleBackend.TaskScheduler,
                $"it needs more than {MaxTriggers} triggers (the most a task can have); use evenly spaced minutes or fewer times a day");
        return times.Select(time => new XElement(ns + "CalendarTrigger",
                new XElement(ns + "Enabled", "true"),
                new XElement(ns + "StartBoundary", $"2024-01-01T{time.Start / 60:00}:{time.Start % 60:00}:00"),
                time.Every == 0 ? null : new XElement(ns + "Repetition",
                    new XElement(ns + "Interval", Duration(time.Every)),
                    new XElement(ns + "Duration", Duration(time.Span)),
                    new XElement(ns + "StopAtDurationEnd", "false")),
                Days(fields, ns)))
            .ToList();
    }

    /// <summary>Start minute of the day, repetition interval and span in minutes (0 when it does not repeat).</summary>
    private static IReadOnlyList<(int Start, int Every, int Span)>? TimesOfDay(CronFields fields)
    {
        var minutes = fields.Minutes.Values;
        var all = fields.Hours.Values.SelectMany(hour => minutes.Select(minute => hour * 60 + minute)).ToList();
        if (all.Count <= PlainTimesLimit)
        {
            return Once(all);
        }

        if (Step(all) is { } step)
        {
            return [(all[0], step, all[^1] - all[0] + 1)];
        }

        if (Step(minutes) is { } minuteStep)
        {
            return fields.Hours.Values.Select(hour => (hour * 60 + minutes[0], minuteStep, minutes[^1] - minutes[0] + 1)).ToList();
        }

        return all.Count <= MaxTriggers ? Once(all) : null;
    }

    private static List<(int Start, int Every, int Span)> Once(IEnumerable<int> times) => times.Select(t => (t, 0, 0)).ToList();

    /// <summary>The common difference of an evenly spaced list of two or more values, else null.</summary>
    private static int? Step(IReadOnlyList<int> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var step = values[1] - values[0];
        return values.Zip(values.Skip(1)).All(pair => pair.Second - pair.First == step) ? step : null;
    }

    /// <summary>Which days: every day, weekdays (by week or, within some months, by month), or days of the month.</summary>
    private static XElement Days(CronFields fields, XNamespace ns)
    {
        XElement Months() => new(ns + "Months", fields.Months.Values.Select(m => new XElement(ns + MonthNames[m - 1])));
        XElement Weekdays() => new(ns + "DaysOfWeek", fields.DaysOfWeek.Values.Select(d => new XElement(ns + DayNames[d])));
        XElement MonthDays(IEnumerable<int> days) => new(ns + "DaysOfMonth", days.Select(d => new XElement(ns + "Day", d)));

        if (!fields.DaysOfWeek.IsEvery)
        {
            return fields.Months.IsEvery
                ? new XElement(ns + "ScheduleByWeek", new XElement(ns + "WeeksInterval", 1), Weekdays())
                : new XElement(ns + "ScheduleByMonthDayOfWeek",
                    new XElement(ns + "Weeks", new[] { "1", "2", "3", "4", "Last" }.Select(w => new XElement(ns + "Week", w))),
                    Weekdays(),
                    Months());
        }

        if (fields.DaysOfMonth.IsEvery && fields.Months.IsEvery)
        {
            return new XElement(ns + "ScheduleByDay", new XElement(ns + "DaysInterval", 1));
        }

        return new XElement(ns + "ScheduleByMonth", MonthDays(fields.DaysOfMonth.Values), Months());
    }

    private static string Duration(int minutes) => XmlConvert.ToString(TimeSpan.FromMinutes(minutes));
}
