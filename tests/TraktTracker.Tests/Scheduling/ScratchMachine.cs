using Xunit;
using TraktTracker.Scheduling;

namespace TraktTracker.Tests.Scheduling;

/// <summary>
/// A scratch home folder and a <see cref="ScheduleEnvironment"/> aimed at it (Linux, UTC, this process's PATH),
/// so backends write their units, plists, task XML and logs there and nowhere else.
/// </summary>
internal sealed class ScratchMachine : IDisposable
{
    public ScratchMachine(string? homeName = null)
    {
        Root = Directory.CreateTempSubdirectory("trakt-schedule-").FullName;
        Home = Path.Combine(Root, homeName ?? "home");
        Directory.CreateDirectory(Home);
        Environment = new ScheduleEnvironment
        {
            Platform = SchedulePlatform.Linux,
            HomeDirectory = Home,
            Variables = new Dictionary<string, string> { ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
            LocalTimeZone = TimeZoneInfo.Utc,
            DataDirectory = Path.Combine(Home, ".local", "share", "trakt-tracker"),
            LogDirectory = Path.Combine(Home, ".local", "state", "trakt-tracker", "logs"),
            UserName = "tester",
        };
    }

    public string Root { get; }

    public string Home { get; }

    public ScheduleEnvironment Environment { get; }

    public RecordingReporter Reporter { get; } = new();

    /// <summary>The same machine without any scheduler tools on PATH (no systemctl, launchctl, schtasks, crontab).</summary>
    public ScheduleEnvironment WithoutTools()
    {
        var empty = Path.Combine(Root, "empty-bin");
        Directory.CreateDirectory(empty);
        return Environment with { Variables = new Dictionary<string, string> { ["PATH"] = empty } };
    }

    public ScheduleManager Manager(ScheduleEnvironment? environment = null) => new(environment ?? Environment, Reporter);

    /// <summary>A request whose runs are <c>sh -c …</c>, so tests can execute the scheduled command for real.</summary>
    public ScheduleRequest Request(ScheduleBackend backend, string syncCron = "0 6,18 * * *", string reconcileCron = "30 3 * * *",
        TimeZoneInfo? zone = null, string script = "echo \"ran $0 $1 config=$CONFIG_PATH db=$STATE_DB_PATH\"") => new()
    {
        Backend = backend,
        SyncCron = syncCron,
        ReconcileCron = reconcileCron,
        TimeZone = zone ?? TimeZoneInfo.Utc,
        Launcher = ScheduleLauncher.Cli("/bin/sh", "-c", script),
        ConfigPath = Path.Combine(Home, "config dir", "config.toml"),
        StateDbPath = Path.Combine(Home, "state.db"),
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
