using System.Globalization;
using System.Text;
using TraktTracker.State;

namespace TraktTracker.Config;

/// <summary>Writes a config.toml that <see cref="SettingsLoader"/> reads back to the same values.</summary>
public static class ConfigFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> with one <c>NAME = "value"</c> line per setting, readable by its owner only:
    /// it may hold the client secret and InfluxDB credentials.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, string> values, string comment)
    {
        var text = new StringBuilder();
        foreach (var line in comment.Split('\n'))
        {
            text.Append("# ").Append(line.TrimEnd()).Append('\n');
        }

        foreach (var (name, value) in values)
        {
            text.Append(name).Append(" = ").Append(Quote(value)).Append('\n');
        }

        OwnerOnly.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var file = new FileStream(path, OwnerOnly.Options(FileMode.Create, FileAccess.Write, FileShare.None)))
        {
            file.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }

        // A file that existed keeps its mode when overwritten: narrow it, since it now holds secrets.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    // A TOML basic string: backslash, quote and control characters escaped.
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
