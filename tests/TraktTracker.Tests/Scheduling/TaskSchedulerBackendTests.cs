using System.Xml;
using System.Xml.Linq;
using Cronos;
using TraktTracker.Scheduling;
using Xunit;

namespace TraktTracker.Tests.Scheduling;

public sealed class TaskSchedulerBackendTests : IDisposable
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    private readonly ScratchMachine machine = new();

    [Fact]
    public void The_task_xml_is_well_formed_never_overlaps_and_runs_the_job_through_cmd()
    {
        var sync = machine.Manager().Plan(machine.Request(ScheduleBackend.TaskScheduler))[0];

        var task = XDocument.Parse(sync.FileContent).Root!;
        Assert.Equal(Ns + "Task", task.Name);
        Assert.Equal("\\TraktTracker\\Sync", task.Element(Ns + "RegistrationInfo")!.Element(Ns + "URI")!.Value);
        Assert.Equal("IgnoreNew", task.Element(Ns + "Settings")!.Element(Ns + "MultipleInstancesPolicy")!.Value);
        Assert.Equal("true", task.Element(Ns + "Settings")!.Element(Ns + "StartWhenAvailable")!.Value);
        var exec = task.Element(Ns + "Actions")!.Element(Ns + "Exec")!;
        Assert.Equal("%SystemRoot%\\System32\\cmd.exe", exec.Element(Ns + "Command")!.Value);
        var home = machine.Home;
        Assert.Equal(
            $"/d /s /c \"set \"CONFIG_PATH={home}/config dir/config.toml\" && set \"STATE_DB_PATH={home}/state.db\" && "
            + "/bin/sh -c \"echo \\\"ran $0 $1 config=$CONFIG_PATH db=$STATE_DB_PATH\\\"\" --once incremental "
            + $">> {home}/.local/state/trakt-tracker/logs/sync.log 2>&1\"",
            exec.Element(Ns + "Arguments")!.Value);
        Assert.Equal(["2024-01-01T06:00:00", "2024-01-01T18:00:00"], Triggers(sync).Select(t => t.Element(Ns + "StartBoundary")!.Value));
        Assert.All(Triggers(sync), t => Assert.Equal("1", t.Element(Ns + "ScheduleByDay")!.Element(Ns + "DaysInterval")!.Value));
    }

    [Theory]
    [InlineData("*/15 * * * *", 1)]
    [InlineData("*/7 9-17 * * MON-FRI", 9)]
    [InlineData("0 3 1,15 * *", 1)]
    [InlineData("30 4 * JAN,JUL SAT", 1)]
    [InlineData("0 6,18 * * *", 2)]
    [InlineData("0 0 */2 MAR-MAY *", 1)]
    [InlineData("0,5,7 0-9 * * *", 30)]
    public void The_triggers_fire_exactly_when_cronos_does(string cron, int triggerCount)
    {
        var sync = machine.Manager().Plan(machine.Request(ScheduleBackend.TaskScheduler, syncCron: cron))[0];
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddDays(366);

        var triggers = Triggers(sync);
        var fired = Days(from, to).SelectMany(day => triggers.SelectMany(t => Firings(t, day))).Distinct().Order();

        Assert.Equal(triggerCount, triggers.Count);
        Assert.Equal(CronExpression.Parse(cron).GetOccurrences(from, to, TimeZoneInfo.Utc, fromInclusive: true), fired);
    }

    [Fact]
    public void More_than_48_triggers_are_refused()
    {
        var error = Assert.Throws<ScheduleException>(() =>
            machine.Manager().Plan(machine.Request(ScheduleBackend.TaskScheduler, reconcileCron: "0,5,7 * * * *")));

        Assert.Contains("RECONCILE_CRON '0,5,7 * * * *' cannot be scheduled with the TaskScheduler backend", error.Message);
        Assert.Contains("48 triggers", error.Message);
    }

    [Fact]
    public void Without_schtasks_the_xml_is_written_as_utf16_read_back_and_removed_with_a_warning()
    {
        var manager = machine.Manager(machine.WithoutTools());

        var installed = manager.Register(machine.Request(ScheduleBackend.TaskScheduler));

        Assert.All(installed, e => Assert.Equal([0xFF, 0xFE], File.ReadAllBytes(e.Location)[..2]));
        Assert.Contains(machine.Reporter.Warnings, w => w.Contains("schtasks /Create /TN TraktTracker\\Sync /XML"));
        ScheduleAssert.SameEntries(installed, manager.Get(ScheduleBackend.TaskScheduler));
        ScheduleAssert.SameEntries(installed, manager.Unregister(ScheduleBackend.TaskScheduler));
        Assert.All(installed, e => Assert.False(File.Exists(e.Location)));
    }

    public void Dispose() => machine.Dispose();

    private static List<XElement> Triggers(ScheduleEntry entry)
        => XDocument.Parse(entry.FileContent).Root!.Element(Ns + "Triggers")!.Elements(Ns + "CalendarTrigger").ToList();

    private static IEnumerable<DateTime> Days(DateTime from, DateTime to)
    {
        for (var day = from; day < to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>When a calendar trigger fires on a day: its start time, then every interval within the duration.</summary>
    private static IEnumerable<DateTime> Firings(XElement trigger, DateTime day)
    {
        if (!RunsOn(trigger, day))
        {
            return [];
        }

        var start = day + XmlConvert.ToDateTime(trigger.Element(Ns + "StartBoundary")!.Value, XmlDateTimeSerializationMode.Unspecified).TimeOfDay;
        var repetition = trigger.Element(Ns + "Repetition");
        if (repetition is null)
        {
            return [start];
        }

        var every = XmlConvert.ToTimeSpan(repetition.Element(Ns + "Interval")!.Value);
        var span = XmlConvert.ToTimeSpan(repetition.Element(Ns + "Duration")!.Value);
        return Enumerable.Range(0, (int)(span / every) + 1).Select(i => start + i * every).Where(t => t < start + span);
    }

    private static bool RunsOn(XElement trigger, DateTime day)
    {
        bool Named(string container, string name) => trigger.Descendants(Ns + container).Single().Element(Ns + name) is not null;
        var weekday = day.DayOfWeek.ToString();
        var month = System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(day.Month);
        if (trigger.Element(Ns + "ScheduleByDay") is not null)
        {
            return true;
        }

        if (trigger.Element(Ns + "ScheduleByWeek") is not null)
        {
            return Named("DaysOfWeek", weekday);
        }

        if (trigger.Element(Ns + "ScheduleByMonthDayOfWeek") is not null)
        {
            return Named("DaysOfWeek", weekday) && Named("Months", month);
        }

        var days = trigger.Descendants(Ns + "Day").Select(d => int.Parse(d.Value));
        return days.Contains(day.Day) && Named("Months", month);
    }
}
