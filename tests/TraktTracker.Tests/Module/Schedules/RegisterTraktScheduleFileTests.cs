using System.Text;
using System.Xml.Linq;
using TraktTracker.Scheduling;
using TraktTracker.Tests.Scheduling;

namespace TraktTracker.Tests.Module.Schedules;

/// <summary>
/// The schedule cmdlets with the Systemd, Launchd and TaskScheduler backends on a scratch home without systemctl,
/// launchctl or schtasks: the files are written, validated (systemd units by <c>systemd-analyze verify</c>, plist
/// and task XML as XML with the content each scheduler needs), read back and removed. Hosted, not Pester: the
/// scratch machine (another OS, no scheduler tools) is set through the module's internal ScheduleHost.Machine.
/// </summary>
[Collection(CrontabCollection.Name)]
public sealed class RegisterTraktScheduleFileTests : IClassFixture<ModuleSessionFixture>, IDisposable
{
    private const string Register = "Register-TraktSchedule -ConfigPath $Config -StateDbPath $Db -ExecutablePath $Pwsh";

    private static readonly XNamespace TaskNs = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    private readonly ScheduleCmdletHarness harness;

    public RegisterTraktScheduleFileTests(ModuleSessionFixture fixture)
    {
        harness = new ScheduleCmdletHarness(fixture.Session);
        harness.Use(harness.Machine.WithoutTools());
    }

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Systemd_units_in_the_given_zone_pass_systemd_analyze_verify_and_unregister_deletes_them()
    {
        var result = harness.Invoke($"{Register} -Backend Systemd -TimeZone Europe/Berlin").EnsureNoErrors();
        var entries = result.Objects.Cast<ScheduleEntry>().ToList();
        var units = entries.SelectMany(e => e.Artifacts).Select(a => a.Location).ToList();

        Assert.Contains(result.Warnings, w => w.Contains("systemctl is not on PATH"));
        Assert.All(units, unit => Assert.StartsWith(Path.Combine(harness.Machine.Home, ".config", "systemd", "user", "trakt-tracker-"), unit));
        var (exit, output, error) = ScheduleAssert.Run("systemd-analyze", ["verify", .. units]);
        Assert.True(exit == 0 && error.Length == 0, $"systemd-analyze verify: {output}{error}");
        Assert.Contains("\nOnCalendar=*-*-* 00/4:15:00 Europe/Berlin\n", File.ReadAllText(units[0]));
        var service = File.ReadAllText(units[1]);
        Assert.Contains($"\nExecStart=\"{harness.Pwsh}\" -NoProfile -NonInteractive -Command ", service);
        Assert.Contains("Invoke-TraktSync -ConfigPath", service);

        harness.Invoke("Unregister-TraktSchedule -Backend Systemd").EnsureNoErrors();
        Assert.All(units, unit => Assert.False(File.Exists(unit)));
    }

    [Fact]
    public void Launchd_plists_are_well_formed_run_pwsh_with_its_arguments_and_log_where_macOS_users_look()
    {
        harness.Invoke($"{Register} -Backend Launchd").EnsureNoErrors();

        var path = Path.Combine(harness.Machine.Home, "Library", "LaunchAgents", "org.trakttracker.reconcile.plist");
        var plist = XDocument.Load(path);
        Assert.Equal("-//Apple//DTD PLIST 1.0//EN", plist.DocumentType!.PublicId);
        var dict = plist.Root!.Element("dict")!;
        Assert.Equal("org.trakttracker.reconcile", Value(dict, "Label").Value);
        var arguments = Value(dict, "ProgramArguments").Elements("string").Select(e => e.Value).ToList();
        Assert.Equal([harness.Pwsh, "-NoProfile", "-NonInteractive", "-Command"], arguments[..4]);
        Assert.EndsWith($"Invoke-TraktReconcile -ConfigPath '{harness.Config.Replace("'", "''")}' -StateDbPath '{harness.StateDb.Replace("'", "''")}'", arguments[4]);
        Assert.Equal(Path.Combine(harness.LogDirectory, "reconcile.log"), Value(dict, "StandardOutPath").Value);
        Assert.Equal(["Hour", "3", "Minute", "30"], Value(dict, "StartCalendarInterval").Element("dict")!.Elements().Select(e => e.Value));
    }

    [Fact]
    public void Launchd_refuses_a_zone_other_than_the_machines_and_says_which_backends_take_one()
    {
        var error = harness.Invoke($"{Register} -Backend Launchd -TimeZone Asia/Tokyo").SingleError();

        Assert.Equal("TraktScheduleInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand", error.FullyQualifiedErrorId);
        Assert.Contains("runs jobs in this machine's time zone (UTC), but TIMEZONE is Asia/Tokyo", error.Exception.Message);
        Assert.False(Directory.Exists(Path.Combine(harness.Machine.Home, "Library")));
    }

    [Fact]
    public void Task_Scheduler_xml_is_utf16_never_overlaps_and_runs_pwsh_through_cmd_into_the_log()
    {
        var sync = (ScheduleEntry)harness.Invoke($"{Register} -Backend TaskScheduler").EnsureNoErrors().Objects[0];

        var bytes = File.ReadAllBytes(sync.Location);
        Assert.Equal([0xFF, 0xFE], bytes[..2]);
        var task = XDocument.Parse(Encoding.Unicode.GetString(bytes[2..])).Root!;
        Assert.Equal("IgnoreNew", task.Element(TaskNs + "Settings")!.Element(TaskNs + "MultipleInstancesPolicy")!.Value);
        Assert.Equal(6, task.Descendants(TaskNs + "CalendarTrigger").Count());
        var arguments = task.Descendants(TaskNs + "Arguments").Single().Value;
        Assert.StartsWith($"/d /s /c \"\"{harness.Pwsh}\" -NoProfile -NonInteractive -Command \"$PSStyle.OutputRendering = 'PlainText'; Import-Module ", arguments);
        Assert.EndsWith($">> \"{Path.Combine(harness.LogDirectory, "sync.log")}\" 2>&1\"", arguments);
        ScheduleAssert.SameEntries([sync], harness.Invoke("Get-TraktSchedule -Backend TaskScheduler").Objects.Cast<ScheduleEntry>().Take(1));
    }

    [Theory]
    [InlineData(SchedulePlatform.Linux, ScheduleBackend.Cron)]
    [InlineData(SchedulePlatform.MacOS, ScheduleBackend.Launchd)]
    [InlineData(SchedulePlatform.Windows, ScheduleBackend.TaskScheduler)]
    public void Auto_plans_for_the_scheduler_of_the_platform(SchedulePlatform platform, ScheduleBackend expected)
    {
        // A Linux machine without a systemd user session (like this one) gets cron.
        harness.Use(harness.Machine.Environment with { Platform = platform });

        var whatIf = harness.Invoke($"{Register} -WhatIf").EnsureNoErrors();

        var target = expected switch
        {
            ScheduleBackend.Cron => "crontab of tester",
            ScheduleBackend.Launchd => Path.Combine(harness.Machine.Home, "Library", "LaunchAgents", "org.trakttracker.sync.plist"),
            _ => Path.Combine(harness.Machine.Environment.DataDirectory, "tasks", "TraktTracker-Sync.xml"),
        };
        Assert.Contains($"on target \"{target}\".", whatIf.HostText);
    }

    private static XElement Value(XElement dict, string key) => dict.Elements("key").Single(k => k.Value == key).ElementsAfterSelf().First();
}
