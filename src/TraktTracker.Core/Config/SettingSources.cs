using System.Collections;
using System.Globalization;
using Tomlyn;
using Tomlyn.Model;

namespace TraktTracker.Config;

/// <summary>
/// Where a raw setting value comes from, in priority order: parameters/flags, environment, config.toml.
/// Empty strings count as unset (<see cref="Get"/>), except for numeric settings (<see cref="GetRaw"/>).
/// </summary>
internal sealed class SettingSources
{
    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly IDictionary _environment;
    private readonly IReadOnlyDictionary<string, string> _file;

    private SettingSources(IReadOnlyDictionary<string, string?> overrides, IDictionary environment, IReadOnlyDictionary<string, string> file)
    {
        _overrides = overrides;
        _environment = environment;
        _file = file;
    }

    public string? ConfigPath { get; private init; }

    public static SettingSources Create(IReadOnlyDictionary<string, string?> overrides, IDictionary environment, TrackerPaths paths)
    {
        var partial = new SettingSources(overrides, environment, new Dictionary<string, string>());
        var explicitPath = partial.Get(SettingNames.ConfigPath);
        var path = explicitPath ?? paths.DefaultConfigPath;
        if (explicitPath is not null && Directory.Exists(path))
        {
            throw new ConfigurationException(SettingNames.ConfigPath,
                $"CONFIG_PATH names a folder, not a file: {path}. Point it at the config.toml file itself, e.g. {Path.Combine(path, "config.toml")}.");
        }

        if (explicitPath is not null && !File.Exists(path))
        {
            throw new ConfigurationException(SettingNames.ConfigPath,
                $"Configuration file not found: {path} (CONFIG_PATH). Create it from config.example.toml or point CONFIG_PATH at an existing file.");
        }

        var file = File.Exists(path) ? ReadToml(path) : new Dictionary<string, string>();
        return new SettingSources(overrides, environment, file) { ConfigPath = File.Exists(path) ? path : null };
    }

    public string? Get(string name) => Lookup(name, keepEmpty: false);

    /// <summary>
    /// As <see cref="Get"/>, but an empty value in the environment or the file is returned, not skipped: a number
    /// left empty is a mistake to report, and only an unset name means the default.
    /// </summary>
    public string? GetRaw(string name) => Lookup(name, keepEmpty: true);

    private string? Lookup(string name, bool keepEmpty)
    {
        if (_overrides.TryGetValue(name, out var fromParameter) && !string.IsNullOrEmpty(fromParameter))
        {
            return fromParameter;
        }

        if (_environment.Contains(name) && _environment[name] is string fromEnvironment && (keepEmpty || fromEnvironment.Length > 0))
        {
            return fromEnvironment;
        }

        return _file.TryGetValue(name, out var fromFile) && (keepEmpty || fromFile.Length > 0) ? fromFile : null;
    }

    /// <summary>
    /// Reads config.toml: top-level keys are setting names (any case); a table prefixes its keys,
    /// so <c>[influx] url = …</c> is INFLUX_URL. Unknown names fail: a typo must not be silently ignored.
    /// </summary>
    private static Dictionary<string, string> ReadToml(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(SettingNames.ConfigPath,
                $"Cannot read the configuration file {path}: {ex.Message} Make it readable by this user (chmod 600) or point CONFIG_PATH elsewhere.");
        }

        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text)!;
        }
        catch (TomlException ex)
        {
            throw new ConfigurationException(SettingNames.ConfigPath, $"Invalid TOML in {path}: {ex.Message}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(table, prefix: "", values, path);
        return values;
    }

    private static void Flatten(TomlTable table, string prefix, Dictionary<string, string> values, string path)
    {
        foreach (var (key, value) in table)
        {
            var name = (prefix + key).ToUpperInvariant();
            if (value is TomlTable nested)
            {
                Flatten(nested, name + "_", values, path);
                continue;
            }

            if (!SettingNames.FileSettable.Contains(name))
            {
                throw new ConfigurationException(name,
                    $"Unknown setting '{prefix + key}' in {path}. Known settings: see config.example.toml.");
            }

            values[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
    }
}
