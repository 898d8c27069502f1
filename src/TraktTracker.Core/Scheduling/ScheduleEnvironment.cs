using System.Collections;
using System.Runtime.InteropServices;
using TraktTracker.Config;

namespace TraktTracker.Scheduling;

/// <summary>The operating systems the scheduler knows.</summary>
public enum SchedulePlatform
{
    Linux,
    MacOS,
    Windows,
}

/// <summary>
/// The machine a schedule is made for: OS, home, environment variables, local time zone. Captured once
/// (<see cref="Current"/>) so the backends never probe the process themselves, and tests can aim them at
/// a scratch home.
/// </summary>
public sealed record ScheduleEnvironment
{
    public required SchedulePlatform Platform { get; init; }

    public required string HomeDirectory { get; init; }

    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    public required TimeZoneInfo LocalTimeZone { get; init; }

    /// <summary>Per-user folder for lock files and task XML (the state store's folder by default).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where scheduled runs write their output, where each OS's users look for logs.</summary>
    public required string LogDirectory { get; init; }

    public string UserName { get; init; } = Environment.UserName;

    /// <summary>A systemd user manager is running for this user (so <c>systemctl --user</c> works).</summary>
    public bool HasSystemdUserSession { get; init; }

    public static ScheduleEnvironment Current()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry pair in Environment.GetEnvironmentVariables())
        {
            variables[(string)pair.Key] = (string?)pair.Value ?? "";
        }

        var runtimeDir = variables.GetValueOrDefault("XDG_RUNTIME_DIR");
        var paths = new TrackerPaths();
        return new ScheduleEnvironment
        {
            DataDirectory = paths.DataDirectory,
            LogDirectory = paths.LogDirectory,
            Platform = CurrentPlatform(),
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            Variables = variables,
            LocalTimeZone = TimeZoneInfo.Local,
            HasSystemdUserSession = OperatingSystem.IsLinux() && Directory.Exists("/run/systemd/system")
                && !string.IsNullOrEmpty(runtimeDir) && Directory.Exists(Path.Combine(runtimeDir, "systemd")),
        };
    }

    public string? Variable(string name)
        => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Searches PATH (and PATHEXT on Windows) like a shell would; null when absent.</summary>
    public string? FindExecutable(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var separator = Platform == SchedulePlatform.Windows ? ';' : ':';
        var extensions = Platform == SchedulePlatform.Windows ? new[] { "", ".exe", ".cmd", ".bat" } : new[] { "" };
        var directories = (Variable("PATH") ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .SelectMany(dir => extensions.Select(ext => Path.Combine(dir, name + ext)))
            .FirstOrDefault(File.Exists);
    }

    private static SchedulePlatform CurrentPlatform()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return SchedulePlatform.Windows;
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? SchedulePlatform.MacOS : SchedulePlatform.Linux;
    }
}
