using System.Diagnostics;
using System.Globalization;
using System.Text;
using TraktTracker.Config;

namespace TraktTracker.Tests.Crash;

/// <summary>
/// Hands <see cref="TrackerSettings"/> to the EngineHost child the way a user configures a real run: the Trakt app
/// and the calendar in config.toml (CONFIG_PATH), the store and the servers in the environment. Every other setting
/// variable the test process may have inherited is removed, so the child reads exactly these.
/// </summary>
internal static class HostConfiguration
{
    public static void Apply(ProcessStartInfo start, TrackerSettings settings, string folder)
    {
        var configPath = Path.Combine(folder, "config.toml");
        File.WriteAllText(configPath, ConfigToml(settings));
        var environment = start.Environment;
        foreach (var name in SettingNames.FileSettable.Append(SettingNames.ConfigPath))
        {
            environment.Remove(name);
        }

        environment[SettingNames.ConfigPath] = configPath;
        environment[SettingNames.StateDbPath] = settings.StateDbPath;
        environment[SettingNames.TraktApiUrl] = settings.TraktApiUrl.ToString();
        environment[SettingNames.TraktAuthUrl] = settings.TraktAuthUrl.ToString();
        environment[SettingNames.TraktMinRequestInterval] = Number(settings.TraktMinRequestIntervalSeconds);
        environment[SettingNames.EnableInflux] = settings.EnableInflux ? "true" : "false";
        if (settings.EnableInflux)
        {
            environment[SettingNames.InfluxApi] = "v1";
            environment[SettingNames.InfluxUrl] = settings.InfluxUrl!.ToString();
            environment[SettingNames.InfluxBucketRaw] = settings.InfluxBucketRaw;
            environment[SettingNames.InfluxBucketAgg] = settings.InfluxBucketAgg;
        }
    }

    private static string ConfigToml(TrackerSettings settings)
    {
        var toml = new StringBuilder();
        toml.AppendLine($"timezone = {Quote(settings.TimeZone.Id)}");
        toml.AppendLine(CultureInfo.InvariantCulture, $"overlap_hours = {settings.OverlapHours}");
        toml.AppendLine(CultureInfo.InvariantCulture, $"reconcile_days = {settings.ReconcileDays}");
        toml.AppendLine("[trakt]");
        toml.AppendLine($"client_id = {Quote(settings.TraktClientId!)}");
        toml.AppendLine($"client_secret = {Quote(settings.TraktClientSecret!)}");
        toml.AppendLine($"retry_after_margin = {Number(settings.TraktRetryAfterMarginSeconds)}");
        return toml.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Number(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
