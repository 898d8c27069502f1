using System.Collections;
using System.Runtime.InteropServices;

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
        return new ScheduleEnvironment
        {
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

    /// <summary>Per-user folder for lock files and task XML: XDG_STATE_HOME, Application Support, LOCALAPPDATA.</summary>
    public string DataDirectory => Platform switch
    {
        SchedulePlatform.Windows => Path.Combine(Variable("LOCALAPPDATA") ?? Path.Combine(HomeDirectory, "AppData", "Local"), "TraktTracker"),
        SchedulePlatform.MacOS => Path.Combine(HomeDirectory, "Library", "Application Support", "TraktTracker"),
        _ => Path.Combine(Variable("XDG_STATE_HOME") ?? Path.Combine(HomeDirectory, ".local", "state"), "trakt-tracker"),
    };

    /// <summary>Where scheduled runs write their output, in the place each OS's users look for logs.</summary>
    public string LogDirectory => Platform == SchedulePlatform.MacOS
        ? Path.Combine(HomeDirectory, "Library", "Logs", "TraktTracker")
        : Path.Combine(DataDirectory, "logs");

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
