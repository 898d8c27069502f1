using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using TraktTracker.Scheduling;
using Xunit;

namespace TraktTracker.Tests.Scheduling;

/// <summary>Systemd units checked by systemd itself: <c>systemd-analyze verify</c> and <c>systemd-analyze calendar</c>.</summary>
public sealed class SystemdBackendTests : IDisposable
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private readonly ScratchMachine machine = new("it's 100% home");

    [Fact]
    public void The_units_pass_systemd_analyze_verify()
    {
        var entries = machine.Manager().Plan(machine.Request(ScheduleBackend.Systemd, zone: Berlin));
        foreach (var artifact in entries.SelectMany(e => e.Artifacts))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(artifact.Location)!);
            File.WriteAllText(artifact.Location, artifact.Content);
        }

        var (exit, output, error) = ScheduleAssert.Run("systemd-analyze", ["verify", .. entries.SelectMany(e => e.Artifacts.Select(a => a.Location))]);

        Assert.True(exit == 0 && error.Length == 0, $"systemd-analyze verify: {output}{error}");
    }

    [Fact]
    public void The_timer_and_service_say_what_runs_when()
    {
        var sync = machine.Manager().Plan(machine.Request(ScheduleBackend.Systemd, zone: Berlin))[0];

        Assert.Equal(Path.Combine(machine.Home, ".config", "systemd", "user", "trakt-tracker-sync.timer"), sync.Location);
        Assert.Contains("\nOnCalendar=*-*-* 06,18:00:00 Europe/Berlin\nPersistent=true\nUnit=trakt-tracker-sync.service\n", sync.FileContent);
        var service = sync.Artifacts[1].Content;
        Assert.Contains("\nType=oneshot\n", service);
        var home = machine.Home.Replace("%", "%%");
        Assert.Contains($"\nEnvironment=\"CONFIG_PATH={home}/config dir/config.toml\" \"STATE_DB_PATH={home}/state.db\"\n", service);
        Assert.Contains($"\nExecStart={sync.Command}\n", service);
        Assert.StartsWith("/bin/sh -c \"echo \\\"ran $$0 $$1 config=$$CONFIG_PATH db=$$STATE_DB_PATH\\\"\" --once incremental", sync.Command);
        Assert.Contains($"\nStandardOutput=append:{home}/.local/state/trakt-tracker/logs/sync.log\n", service);
    }

    [Theory]
    [InlineData("0 6,18 * * *", "Europe/Berlin")]
    [InlineData("*/15 9-17 * * MON-FRI", "UTC")]
    [InlineData("30 3 1,15 * *", "America/New_York")]
    [InlineData("5/20 * * JAN-MAR,OCT *", "UTC")]
    [InlineData("0 0 1-7 * MON", "Europe/Berlin")]
    [InlineData("0 12 */2 * *", "Asia/Tokyo")]
    public void OnCalendar_fires_when_cronos_does(string cron, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var timer = machine.Manager().Plan(machine.Request(ScheduleBackend.Systemd, syncCron: cron, zone: zone))[0].FileContent;
        var calendar = Regex.Match(timer, "^OnCalendar=(.+)$", RegexOptions.Multiline).Groups[1].Value;

        var from = DateTime.UtcNow;
        var (exit, output, error) = ScheduleAssert.Run("systemd-analyze", "calendar", "--iterations=30", calendar);
        Assert.True(exit == 0, error);
        var systemd = Regex.Matches(output, @"(?:Next elapse|Iter\. #\d+): \w{3} (\S+ \S+) UTC")
            .Select(m => DateTime.SpecifyKind(DateTime.ParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc))
            .ToList();
        var cronos = CronExpression.Parse(cron).GetOccurrences(from, from.AddYears(5), zone)
            .SkipWhile(t => t < systemd[0])
            .Take(systemd.Count);

        Assert.Equal(30, systemd.Count);
        Assert.Equal(cronos, systemd);
    }

    [Fact]
    public void Without_systemctl_the_units_are_written_read_back_and_removed_with_a_warning()
    {
        var manager = machine.Manager(machine.WithoutTools());

        var installed = manager.Register(machine.Request(ScheduleBackend.Systemd));

        Assert.All(installed.SelectMany(e => e.Artifacts), a => Assert.Equal(a.Content, File.ReadAllText(a.Location)));
        Assert.Contains(machine.Reporter.Warnings, w => w.Contains("systemctl --user enable trakt-tracker-sync.timer trakt-tracker-reconcile.timer"));
        ScheduleAssert.SameEntries(installed, manager.Get(ScheduleBackend.Systemd));

        ScheduleAssert.SameEntries(installed, manager.Unregister(ScheduleBackend.Systemd));
        Assert.All(installed.SelectMany(e => e.Artifacts), a => Assert.False(File.Exists(a.Location)));
        Assert.Empty(manager.Get(ScheduleBackend.Systemd));
    }

    public void Dispose() => machine.Dispose();
}
