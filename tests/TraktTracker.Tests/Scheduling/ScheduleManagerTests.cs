using TraktTracker.Scheduling;
using Xunit;

namespace TraktTracker.Tests.Scheduling;

[Collection(CrontabCollection.Name)]
public sealed class ScheduleManagerTests : IDisposable
{
    private readonly ScratchMachine machine = new();

    [Theory]
    [InlineData(SchedulePlatform.Linux, true, ScheduleBackend.Systemd)]
    [InlineData(SchedulePlatform.Linux, false, ScheduleBackend.Cron)]
    [InlineData(SchedulePlatform.MacOS, false, ScheduleBackend.Launchd)]
    [InlineData(SchedulePlatform.Windows, false, ScheduleBackend.TaskScheduler)]
    public void Auto_picks_the_scheduler_of_the_platform(SchedulePlatform platform, bool systemdSession, ScheduleBackend expected)
    {
        var environment = machine.Environment with { Platform = platform, HasSystemdUserSession = systemdSession };

        Assert.Equal(expected, machine.Manager(environment).Resolve(ScheduleBackend.Auto));
        Assert.All(machine.Manager(environment).Plan(machine.Request(ScheduleBackend.Auto)), e => Assert.Equal(expected, e.Backend));
    }

    [Fact]
    public void The_module_runs_through_pwsh_with_its_manifest_config_and_state_paths()
    {
        var request = machine.Request(ScheduleBackend.Launchd) with
        {
            Launcher = ScheduleLauncher.Module("/opt/microsoft/powershell/7/pwsh", "/opt/modules/TraktTracker/0.1.0/TraktTracker.psd1"),
            ConfigPath = "/home/me/it's/config.toml",
        };

        var entries = machine.Manager().Plan(request);

        Assert.Equal(
            "/opt/microsoft/powershell/7/pwsh -NoProfile -NonInteractive -Command "
            + "'$PSStyle.OutputRendering = '\\''PlainText'\\''; Import-Module '\\''/opt/modules/TraktTracker/0.1.0/TraktTracker.psd1'\\''; Invoke-TraktSync -ConfigPath '\\''/home/me/it'\\'''\\''s/config.toml'\\'' "
            + $"-StateDbPath '\\''{machine.Home}/state.db'\\'''",
            entries[0].Command);
        Assert.Contains("Invoke-TraktReconcile -ConfigPath", entries[1].Command);
        Assert.DoesNotContain("EnvironmentVariables", entries[0].FileContent);
    }

    [Fact]
    public void A_relative_state_path_is_refused_because_scheduled_runs_start_elsewhere()
    {
        var error = Assert.Throws<ScheduleException>(() =>
            machine.Manager().Plan(machine.Request(ScheduleBackend.Cron) with { StateDbPath = "state.db" }));

        Assert.Contains("STATE_DB_PATH must be an absolute path", error.Message);
    }

    [Fact]
    public void Registering_with_a_second_scheduler_warns_that_the_first_still_runs_and_auto_sees_both()
    {
        CrontabGuard.Write(null);
        var manager = machine.Manager();
        var cron = manager.Register(machine.Request(ScheduleBackend.Cron));

        var noSystemctl = machine.Environment with { Variables = new Dictionary<string, string> { ["PATH"] = PathWithout("systemctl") } };
        var systemd = machine.Manager(noSystemctl).Register(machine.Request(ScheduleBackend.Systemd));

        Assert.Contains(machine.Reporter.Warnings, w => w.Contains("A Cron schedule for Sync and Reconcile is installed too")
            && w.Contains("Unregister-TraktSchedule -Backend Cron"));
        ScheduleAssert.SameEntries(systemd.Concat(cron), machine.Manager(noSystemctl).Get());
        ScheduleAssert.SameEntries(systemd.Concat(cron), machine.Manager(noSystemctl).Unregister(ScheduleBackend.Auto, (_, _) => true));
        Assert.Equal("", CrontabGuard.Read());
    }

    [Fact]
    public void Settings_only_in_this_sessions_environment_are_named_in_a_warning_without_their_values()
    {
        var session = machine.WithoutTools() with
        {
            Variables = new Dictionary<string, string>(machine.WithoutTools().Variables)
            {
                ["TRAKT_CLIENT_SECRET"] = "s3cret-value",
                ["INFLUX_URL"] = "http://127.0.0.1:8086",
                ["SYNC_CRON"] = "0 * * * *",
                ["STATE_DB_PATH"] = "/elsewhere/state.db",
                ["LOG_LEVEL"] = "",
            },
        };

        var request = machine.Request(ScheduleBackend.Systemd);
        Directory.CreateDirectory(Path.GetDirectoryName(request.ConfigPath)!);
        File.WriteAllText(request.ConfigPath!, "TRAKT_CLIENT_ID = \"app\"\nTRAKT_CLIENT_SECRET = \"from-the-file\"\n");

        machine.Manager(session).CheckScheduledSettings(request);

        var warning = Assert.Single(machine.Reporter.Warnings, w => w.Contains("do not inherit"));
        Assert.Contains("not see this session's values of INFLUX_URL, TRAKT_CLIENT_SECRET.", warning);
        Assert.Contains($"Put these settings in {request.ConfigPath}, or register with -SaveSettings.", warning);
        Assert.DoesNotContain("s3cret", warning);
    }

    public void Dispose() => machine.Dispose();

    /// <summary>A PATH with crontab but without <paramref name="tool"/>: a folder of symlinks to the rest.</summary>
    private string PathWithout(string tool)
    {
        var bin = Path.Combine(machine.Root, "bin-without-" + tool);
        Directory.CreateDirectory(bin);
        foreach (var name in new[] { "crontab", "flock" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, name), machine.Environment.FindExecutable(name)!);
        }

        return bin;
    }
}
