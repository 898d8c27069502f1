using TraktTracker.Config;

namespace TraktTracker.Logging;

/// <summary>LOG_LEVEL, lowest first: a log shows its level and everything above it.</summary>
public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}

public static class LogLevels
{
    /// <summary>
    /// The level a LOG_LEVEL value names (DEBUG, INFO, WARNING, ERROR, CRITICAL, as <see cref="SettingsLoader"/>
    /// validated it); INFO for anything else.
    /// </summary>
    public static LogLevel FromSetting(string? name) => name?.ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.Debug,
        "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        _ => LogLevel.Info,
    };

    /// <summary>The fixed-width name a log line shows.</summary>
    public static string Label(this LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "CRIT ",
    };
}
