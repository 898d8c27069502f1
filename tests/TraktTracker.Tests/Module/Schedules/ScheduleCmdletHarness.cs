using System.Collections;
using TraktTracker.Commands;
using TraktTracker.Scheduling;
using TraktTracker.TestSupport.PowerShell;
using TraktTracker.Tests.Scheduling;

namespace TraktTracker.Tests.Module.Schedules;

/// <summary>
/// The schedule cmdlets aimed at a scratch machine (through <see cref="ScheduleHost.Machine"/>), with a config.toml
/// and stand-ins for pwsh and trakt-tracker that print how they were started, so installed entries can be run.
/// Tests using it share static state and must sit in <see cref="CrontabCollection"/>, which never runs in parallel.
/// </summary>
internal sealed class ScheduleCmdletHarness : IDisposable
{
    private readonly PowerShellSession session;

    public ScheduleCmdletHarness(PowerShellSession session)
    {
        this.session = session;
        var bin = Path.Combine(Machine.Root, "bin dir");
        Directory.CreateDirectory(bin);
        Pwsh = Script(Path.Combine(bin, "pwsh"), "printf 'arg:%s\\n' \"$@\"");
        Cli = Script(Path.Combine(bin, "trakt-tracker"), "echo \"trakt-tracker $* config=$CONFIG_PATH db=$STATE_DB_PATH\"");
        Config = Path.Combine(Machine.Home, "config dir", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        File.WriteAllText(Config, "SYNC_CRON = \"15 */4 * * *\"\nTIMEZONE = \"UTC\"\nTRAKT_CLIENT_ID = \"harness-app\"\nTRAKT_CLIENT_SECRET = \"harness-secret\"\n");
        Use(Machine.Environment);
    }

    public ScratchMachine Machine { get; } = new("it's 100% home");

    /// <summary>A stand-in pwsh: prints each argument on a line of its own, prefixed with <c>arg:</c>.</summary>
    public string Pwsh { get; }

    /// <summary>A stand-in trakt-tracker: prints its arguments and the CONFIG_PATH and STATE_DB_PATH it got.</summary>
    public string Cli { get; }

    public string Config { get; }

    public string StateDb => Path.Combine(Machine.Home, "state.db");

    public string LogDirectory => Machine.Environment.LogDirectory;

    /// <summary>Points the cmdlets at <paramref name="environment"/> (another platform, a PATH without tools).</summary>
    public void Use(ScheduleEnvironment environment) => ScheduleHost.Machine = () => environment;

    /// <summary>Runs <paramref name="body"/> with <c>$Config</c>, <c>$Db</c>, <c>$Pwsh</c> and <c>$Cli</c> bound.</summary>
    public PowerShellResult Invoke(string body) => session.Invoke(
        "param($Config, $Db, $Pwsh, $Cli) " + body,
        new Hashtable { ["Config"] = Config, ["Db"] = StateDb, ["Pwsh"] = Pwsh, ["Cli"] = Cli });

    public void Dispose()
    {
        ScheduleHost.Machine = ScheduleEnvironment.Current;
        Machine.Dispose();
    }

    private static string Script(string path, string line)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + line + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
