using System.Xml.Linq;
using Cronos;
using TraktTracker.Scheduling;
using Xunit;

namespace TraktTracker.Tests.Scheduling;

public sealed class LaunchdBackendTests : IDisposable
{
    private readonly ScratchMachine machine = new();

    [Fact]
    public void The_plist_is_well_formed_and_holds_label_program_environment_intervals_and_log()
    {
        var sync = machine.Manager().Plan(machine.Request(ScheduleBackend.Launchd))[0];

        var plist = XDocument.Parse(sync.FileContent);
        Assert.Equal("plist", plist.DocumentType!.Name);
        Assert.Equal(Path.Combine(machine.Home, "Library", "LaunchAgents", "org.trakttracker.sync.plist"), sync.Location);
        var dict = plist.Root!.Element("dict")!;
        Assert.Equal("org.trakttracker.sync", Value(dict, "Label").Value);
        Assert.Equal(
            ["/bin/sh", "-c", "echo \"ran $0 $1 config=$CONFIG_PATH db=$STATE_DB_PATH\"", "--once", "incremental"],
            Value(dict, "ProgramArguments").Elements("string").Select(e => e.Value));
        Assert.Equal(Path.Combine(machine.Home, "state.db"), Value(Value(dict, "EnvironmentVariables"), "STATE_DB_PATH").Value);
        Assert.Equal([new Dictionary<string, int> { ["Hour"] = 6, ["Minute"] = 0 }, new Dictionary<string, int> { ["Hour"] = 18, ["Minute"] = 0 }],
            Intervals(sync.FileContent));
        Assert.Equal(Path.Combine(machine.Environment.LogDirectory, "sync.log"), sync.LogPath);
        Assert.Equal(sync.LogPath, Value(dict, "StandardOutPath").Value);
        Assert.Equal(sync.LogPath, Value(dict, "StandardErrorPath").Value);
    }

    [Theory]
    [InlineData("*/20 * * * 1-5", 21)]
    [InlineData("0 9-17/4 * * *", 7)]
    [InlineData("15 3 1,15 * *", 62)]
    [InlineData("0 0 * JAN,JUL *", 366)]
    [InlineData("* 6 * * SUN", 21)]
    public void The_calendar_intervals_fire_exactly_when_cronos_does(string cron, int days)
    {
        var plist = machine.Manager().Plan(machine.Request(ScheduleBackend.Launchd, syncCron: cron))[0].FileContent;
        var intervals = Intervals(plist);
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddDays(days);

        var launchd = Minutes(from, to).Where(t => intervals.Any(interval => Matches(interval, t)));

        Assert.Equal(CronExpression.Parse(cron).GetOccurrences(from, to, TimeZoneInfo.Utc, fromInclusive: true), launchd);
    }

    [Fact]
    public void Too_fine_an_expression_is_refused_with_the_count()
    {
        var error = Assert.Throws<ScheduleException>(() =>
            machine.Manager().Plan(machine.Request(ScheduleBackend.Launchd, syncCron: "*/2 9-17 1-15 * *")));

        Assert.Contains("SYNC_CRON '*/2 9-17 1-15 * *' cannot be scheduled with the Launchd backend", error.Message);
        Assert.Contains("4050 StartCalendarInterval entries", error.Message);
    }

    [Fact]
    public void A_time_zone_other_than_the_machines_is_refused_but_an_alias_of_it_is_fine()
    {
        var manager = machine.Manager();
        var error = Assert.Throws<ScheduleException>(() =>
            manager.Plan(machine.Request(ScheduleBackend.Launchd, zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))));

        Assert.Contains("machine's time zone (UTC), but TIMEZONE is Europe/London", error.Message);
        Assert.Equal("Etc/UTC", manager.Plan(machine.Request(ScheduleBackend.Launchd, zone: TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC")))[0].TimeZone);
    }

    [Fact]
    public void Without_launchctl_the_plists_are_written_read_back_and_removed_with_a_warning()
    {
        var manager = machine.Manager(machine.WithoutTools());

        var installed = manager.Register(machine.Request(ScheduleBackend.Launchd));

        Assert.All(installed, e => Assert.Equal(e.FileContent, File.ReadAllText(e.Location)));
        Assert.Contains(machine.Reporter.Warnings, w => w.Contains("launchctl is not on PATH"));
        ScheduleAssert.SameEntries(installed, manager.Get(ScheduleBackend.Launchd));
        ScheduleAssert.SameEntries(installed, manager.Unregister(ScheduleBackend.Launchd));
        Assert.All(installed, e => Assert.False(File.Exists(e.Location)));
    }

    public void Dispose() => machine.Dispose();

    private static XElement Value(XElement dict, string key) => dict.Elements("key").Single(k => k.Value == key).ElementsAfterSelf().First();

    private static List<Dictionary<string, int>> Intervals(string plist)
        => Value(XDocument.Parse(plist).Root!.Element("dict")!, "StartCalendarInterval").Elements("dict")
            .Select(d => d.Elements("key").ToDictionary(k => k.Value, k => int.Parse(((XElement)k.NextNode!).Value)))
            .ToList();

    /// <summary>launchd's rule: every key present must equal the clock's field; a missing key matches anything.</summary>
    private static bool Matches(Dictionary<string, int> interval, DateTime t)
        => interval.All(pair => pair.Key switch
        {
            "Minute" => t.Minute == pair.Value,
            "Hour" => t.Hour == pair.Value,
            "Day" => t.Day == pair.Value,
            "Month" => t.Month == pair.Value,
            "Weekday" => (int)t.DayOfWeek == pair.Value % 7,
            _ => throw new InvalidOperationException(pair.Key),
        });

    private static IEnumerable<DateTime> Minutes(DateTime from, DateTime to)
    {
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            yield return t;
        }
    }
}
