namespace TraktTracker.Config;

/// <summary>
/// Checks that what an operation needs is configured, with the reference tool's messages
/// ("Missing required configuration value: TRAKT_CLIENT_ID", "Missing required Influx configuration values: …").
/// </summary>
public static class SettingsRequirements
{
    public static void RequireTraktClient(this TrackerSettings settings)
    {
        RequireValue(settings.TraktClientId, SettingNames.TraktClientId);
        RequireValue(settings.TraktClientSecret, SettingNames.TraktClientSecret);
    }

    /// <summary>Every setting the chosen INFLUX_API needs; the one check behind every InfluxDB writer.</summary>
    public static void RequireInflux(this TrackerSettings settings)
    {
        var missing = MissingInflux(settings);
        if (missing.Count > 0)
        {
            throw new ConfigurationException(missing[0],
                $"Missing required Influx configuration values: {string.Join(", ", missing)}. Set them, or set ENABLE_INFLUX=false (or use -NoInflux / --no-influx) to store only.");
        }
    }

    /// <summary>Every setting a sync run needs and <paramref name="settings"/> lacks: the Trakt client, and InfluxDB's when enabled.</summary>
    public static IReadOnlyList<string> MissingForRuns(this TrackerSettings settings)
    {
        var missing = new List<string>();
        AddIfMissing(missing, settings.TraktClientId, SettingNames.TraktClientId);
        AddIfMissing(missing, settings.TraktClientSecret, SettingNames.TraktClientSecret);
        if (settings.EnableInflux)
        {
            missing.AddRange(MissingInflux(settings));
        }

        return missing;
    }

    private static List<string> MissingInflux(TrackerSettings settings)
    {
        var missing = new List<string>();
        if (settings.InfluxUrl is null)
        {
            missing.Add(SettingNames.InfluxUrl);
        }

        // v1 authenticates with username/password, or not at all; v2 needs a token and an org.
        if (settings.InfluxApi == InfluxApiVersion.V2)
        {
            AddIfMissing(missing, settings.InfluxToken, SettingNames.InfluxToken);
            AddIfMissing(missing, settings.InfluxOrg, SettingNames.InfluxOrg);
        }
        else if (!string.IsNullOrEmpty(settings.InfluxUsername))
        {
            AddIfMissing(missing, settings.InfluxPassword, SettingNames.InfluxPassword);
        }

        AddIfMissing(missing, settings.InfluxBucketRaw, SettingNames.InfluxBucketRaw);
        AddIfMissing(missing, settings.InfluxBucketAgg, SettingNames.InfluxBucketAgg);
        return missing;
    }

    private static void RequireValue(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException(name, $"Missing required configuration value: {name}. Set it as a parameter, an environment variable or in config.toml.");
        }
    }

    private static void AddIfMissing(List<string> missing, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(name);
        }
    }
}
