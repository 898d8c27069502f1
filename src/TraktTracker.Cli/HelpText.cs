using System.Reflection;
using System.Text;

namespace TraktTracker.Cli;

/// <summary>What --help and --version print.</summary>
internal static class HelpText
{
    public static string Version
    {
        get
        {
            var informational = typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
            return informational.Split('+')[0]; // without the source revision the SDK appends
        }
    }

    public static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine($"trakt-tracker {Version}: keeps your Trakt watch history in SQLite and projects it into InfluxDB.");
        text.AppendLine();
        text.AppendLine("Usage: trakt-tracker [options]");
        text.AppendLine("  Without --once, --auth, --test-influx, --rebuild-influx or --report it runs as a service: a backfill if none");
        text.AppendLine("  finished yet, one incremental sync, then sync on SYNC_CRON and reconcile on RECONCILE_CRON (in TIMEZONE)");
        text.AppendLine("  until SIGTERM or Ctrl+C, which stop it at a safe point.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var (name, value, help) in CliFlags.All)
        {
            var lines = Wrap(help, width: 86);
            text.AppendLine($"  {(value is null ? name : $"{name} {value}"),-20} {lines[0]}");
            foreach (var more in lines.Skip(1))
            {
                text.AppendLine($"{"",23}{more}");
            }
        }

        text.AppendLine();
        text.AppendLine("Settings come from flags, then the environment (TRAKT_CLIENT_ID, TRAKT_CLIENT_SECRET, ENABLE_INFLUX, INFLUX_URL,");
        text.AppendLine("STATE_DB_PATH, LOG_LEVEL, ...), then config.toml (CONFIG_PATH or the per-user file); see config.example.toml.");
        text.AppendLine("Log lines go to stdout (DEBUG, INFO) and stderr (WARN and above); LOG_LEVEL picks the lowest shown.");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done (or the service was stopped), 1 the run failed, 2 bad usage or configuration,");
        text.AppendLine("130 / 143 a one-shot command was interrupted by Ctrl+C / SIGTERM.");
        return text.ToString();
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' '))
        {
            if (lines[^1].Length > 0 && lines[^1].Length + 1 + word.Length > width)
            {
                lines.Add("");
            }

            lines[^1] = lines[^1].Length == 0 ? word : $"{lines[^1]} {word}";
        }

        return lines;
    }
}
