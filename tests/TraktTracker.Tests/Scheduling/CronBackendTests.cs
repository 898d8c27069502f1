using Xunit;
using TraktTracker.Scheduling;

namespace TraktTracker.Tests.Scheduling;

/// <summary>The Cron backend against the real <c>crontab</c> command and the real crontab of the test user.</summary>
[Collection(CrontabCollection.Name)]
public sealed class CronBackendTests : IDisposable
{
    private const string UserLines = """
        # my own jobs
        MAILTO=""
        CRON_TZ=America/New_York
        15 1 * * * /usr/local/bin/backup --all > /dev/null 2>&1

        """;

    private readonly ScratchMachine machine = new("it's 100% home");

    public CronBackendTests()
    {
        CrontabGuard.Write(UserLines);
    }

    private string LogDir => machine.Environment.LogDirectory;

    private string LockDir => machine.Environment.DataDirectory;

    [Fact]
    public void Register_appends_the_exact_block_and_keeps_every_user_line()
    {
        machine.Manager().Register(machine.Request(ScheduleBackend.Cron));

        var home = "'/" + machine.Home.TrimStart('/').Replace("'", "'\\''").Replace("%", "\\%");
        var script = "'echo \"ran $0 $1 config=$CONFIG_PATH db=$STATE_DB_PATH\"'";
        var expected = UserLines + $"""
            # >>> trakt-tracker: managed by Register-TraktSchedule, replaced on every registration >>>
            # trakt-tracker job=Sync tz=UTC cron="0 6,18 * * *" log="{machine.Home}/.local/state/trakt-tracker/logs/sync.log"
            CRON_TZ=UTC
            0 6,18 * * * CONFIG_PATH={home}/config dir/config.toml' STATE_DB_PATH={home}/state.db' /usr/bin/flock -n {home}/.local/share/trakt-tracker/sync.lock' /bin/sh -c {script} --once incremental >> {home}/.local/state/trakt-tracker/logs/sync.log' 2>&1
            # trakt-tracker job=Reconcile tz=UTC cron="30 3 * * *" log="{machine.Home}/.local/state/trakt-tracker/logs/reconcile.log"
            CRON_TZ=UTC
            30 3 * * * CONFIG_PATH={home}/config dir/config.toml' STATE_DB_PATH={home}/state.db' /usr/bin/flock -n {home}/.local/share/trakt-tracker/reconcile.lock' /bin/sh -c {script} --once reconcile >> {home}/.local/state/trakt-tracker/logs/reconcile.log' 2>&1
            # <<< trakt-tracker <<<

            """;
        Assert.Equal(expected, CrontabGuard.Read());
        Assert.True(Directory.Exists(LogDir), "the log folder exists before the first run");
    }

    [Fact]
    public void Registering_again_replaces_the_entries_instead_of_adding_more()
    {
        var manager = machine.Manager();
        manager.Register(machine.Request(ScheduleBackend.Cron));
        var second = manager.Register(machine.Request(ScheduleBackend.Cron, syncCron: "*/20 * * * *", reconcileCron: "45 2 * * SUN"));

        var crontab = CrontabGuard.Read()!;
        Assert.StartsWith(UserLines, crontab);
        Assert.Single(crontab.Split('\n'), line => line.StartsWith("# >>> trakt-tracker"));
        Assert.Single(crontab.Split('\n'), line => line.StartsWith("*/20 * * * * "));
        Assert.Single(crontab.Split('\n'), line => line.StartsWith("45 2 * * 0 "));
        Assert.DoesNotContain("0 6,18 * * *", crontab);
        ScheduleAssert.SameEntries(second, manager.Get(ScheduleBackend.Cron));
    }

    [Fact]
    public void WhatIf_shows_the_exact_line_and_changes_nothing()
    {
        var actions = new List<(string Target, string Action)>();
        var manager = machine.Manager();

        var installed = manager.Register(machine.Request(ScheduleBackend.Cron), (target, action) =>
        {
            actions.Add((target, action));
            return false;
        });

        Assert.Empty(installed);
        Assert.Equal(UserLines, CrontabGuard.Read());
        var plan = manager.Plan(machine.Request(ScheduleBackend.Cron));
        Assert.Equal(plan.Select(e => e.Location), actions.Select(a => a.Target));
        Assert.All(actions, a => Assert.Equal("crontab of tester", a.Target));
        var syncLine = plan[0].FileContent.Split('\n')[2];
        Assert.StartsWith("0 6,18 * * * CONFIG_PATH=", syncLine);
        Assert.Contains(syncLine, actions[0].Action);
    }

    [Fact]
    public void Get_reads_back_what_register_installed_and_unregister_restores_the_user_crontab()
    {
        var manager = machine.Manager();
        var installed = manager.Register(machine.Request(ScheduleBackend.Cron));

        ScheduleAssert.SameEntries(installed, manager.Get(ScheduleBackend.Cron));
        var removed = manager.Unregister(ScheduleBackend.Cron);

        ScheduleAssert.SameEntries(installed, removed);
        Assert.Equal(UserLines, CrontabGuard.Read());
        Assert.Empty(manager.Get(ScheduleBackend.Cron));
    }

    [Fact]
    public void The_installed_line_runs_with_its_environment_and_appends_to_the_log()
    {
        machine.Manager().Register(machine.Request(ScheduleBackend.Cron));
        var command = ScheduleAssert.InstalledCronCommand("0 6,18 * * * ");

        Assert.Equal(0, ScheduleAssert.RunShell(command));
        Assert.Equal(0, ScheduleAssert.RunShell(command));

        var log = File.ReadAllLines(Path.Combine(LogDir, "sync.log"));
        var expected = $"ran --once incremental config={machine.Home}/config dir/config.toml db={machine.Home}/state.db";
        Assert.Equal([expected, expected], log);
    }

    [Fact]
    public void A_run_does_not_start_while_the_previous_one_holds_the_lock()
    {
        machine.Manager().Register(machine.Request(ScheduleBackend.Cron));
        var command = ScheduleAssert.InstalledCronCommand("0 6,18 * * * ");

        // .NET takes a flock() for FileShare.None on Unix: the same lock a running job holds.
        using (File.Open(Path.Combine(LockDir, "sync.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.NotEqual(0, ScheduleAssert.RunShell(command));
        }

        Assert.DoesNotContain("ran", File.ReadAllText(Path.Combine(LogDir, "sync.log")));
        Assert.Equal(0, ScheduleAssert.RunShell(command));
    }

    [Fact]
    public void A_broken_block_is_reported_and_the_crontab_is_left_alone()
    {
        var broken = UserLines + "# >>> trakt-tracker: managed by Register-TraktSchedule, replaced on every registration >>>\n5 5 * * * mine\n";
        CrontabGuard.Write(broken);

        var error = Assert.Throws<ScheduleException>(() => machine.Manager().Register(machine.Request(ScheduleBackend.Cron)));

        Assert.Contains("end marker", error.Message);
        Assert.Contains("crontab -e", error.Message);
        Assert.Equal(broken, CrontabGuard.Read());
    }

    [Fact]
    public void An_expression_cron_cannot_run_is_refused_before_the_crontab_is_touched()
    {
        var error = Assert.Throws<ScheduleException>(() =>
            machine.Manager().Register(machine.Request(ScheduleBackend.Cron, syncCron: "0 0 L * *")));

        Assert.Contains("SYNC_CRON '0 0 L * *' cannot be scheduled with the Cron backend", error.Message);
        Assert.Equal(UserLines, CrontabGuard.Read());
    }

    [Fact]
    public void Without_flock_the_entry_is_refused_because_runs_could_overlap()
    {
        var error = Assert.Throws<ScheduleException>(() =>
            machine.Manager(machine.WithoutTools()).Plan(machine.Request(ScheduleBackend.Cron)));

        Assert.Equal(ScheduleErrorKind.BackendUnavailable, error.Kind);
        Assert.Contains("needs the 'flock' command", error.Message);
        Assert.Contains("another -Backend", error.Message);
    }

    [Fact]
    public void A_zone_other_than_the_machines_goes_into_CRON_TZ_with_a_warning_for_crons_that_ignore_it()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        machine.Manager().Register(machine.Request(ScheduleBackend.Cron, zone: berlin));

        var lines = CrontabGuard.Read()!.Split('\n');
        Assert.Equal(2, lines.Count(line => line == "CRON_TZ=Europe/Berlin"));
        Assert.Equal("CRON_TZ=Europe/Berlin", lines[Array.FindIndex(lines, line => line.StartsWith("0 6,18 * * * ")) - 1]);
        var warning = Assert.Single(machine.Reporter.Warnings);
        Assert.Contains("CRON_TZ=Europe/Berlin", warning);
        Assert.Contains("-TimeZone UTC", warning);
    }

    public void Dispose() => machine.Dispose();
}
