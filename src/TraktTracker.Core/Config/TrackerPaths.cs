using System.Collections;
using System.Runtime.InteropServices;

namespace TraktTracker.Config;

/// <summary>
/// Per-user default locations. Never the working directory: scheduled runs start in arbitrary folders.
/// Linux follows XDG; Windows uses %LOCALAPPDATA%/%APPDATA%; macOS ~/Library.
/// </summary>
public sealed class TrackerPaths
{
    private const string UnixAppFolder = "trakt-tracker";
    private const string AppFolder = "TraktTracker";

    private readonly Func<string, string?> _env;

    public TrackerPaths(IDictionary? environment = null)
    {
        _env = environment is null
            ? Environment.GetEnvironmentVariable
            : name => environment.Contains(name) ? environment[name] as string : null;
    }

    public string DataDirectory => Pick(
        linux: XdgOr("XDG_DATA_HOME", ".local/share", UnixAppFolder),
        mac: MacLibrary("Application Support"),
        windows: Windows("LOCALAPPDATA", Environment.SpecialFolder.LocalApplicationData));

    public string ConfigDirectory => Pick(
        linux: XdgOr("XDG_CONFIG_HOME", ".config", UnixAppFolder),
        mac: MacLibrary("Application Support"),
        windows: Windows("APPDATA", Environment.SpecialFolder.ApplicationData));

    public string LogDirectory => Pick(
        linux: Path.Combine(XdgOr("XDG_STATE_HOME", ".local/state", UnixAppFolder), "logs"),
        mac: Path.Combine(Home, "Library", "Logs", AppFolder),
        windows: Path.Combine(Windows("LOCALAPPDATA", Environment.SpecialFolder.LocalApplicationData), "logs"));

    public string DefaultStateDbPath => Path.Combine(DataDirectory, "state.db");

    public string DefaultConfigPath => Path.Combine(ConfigDirectory, "config.toml");

    private string Home => NonEmpty(_env("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string Pick(string linux, string mac, string windows)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return windows;
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? mac : linux;
    }

    private string XdgOr(string variable, string fallbackUnderHome, string app)
        => Path.Combine(NonEmpty(_env(variable)) ?? Path.Combine(Home, fallbackUnderHome), app);

    private string MacLibrary(string folder) => Path.Combine(Home, "Library", folder, AppFolder);

    private string Windows(string variable, Environment.SpecialFolder folder)
        => Path.Combine(NonEmpty(_env(variable)) ?? Environment.GetFolderPath(folder), AppFolder);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
