using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>Picks the writer for <see cref="TrackerSettings.InfluxApi"/> and checks that its settings are there.</summary>
public static class InfluxWriterFactory
{
    public static IInfluxWriter Create(TrackerSettings settings, InfluxWriterOptions? options = null, IRunReporter? reporter = null)
    {
        var missing = MissingSettings(settings);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Missing required Influx configuration values: {string.Join(", ", missing)}");
        }

        return settings.InfluxApi switch
        {
            InfluxApiVersion.V1 => new InfluxV1Writer(settings.InfluxUrl!, settings.InfluxUsername, settings.InfluxPassword, options, reporter),
            _ => new InfluxV2Writer(settings.InfluxUrl!, settings.InfluxOrg!, settings.InfluxToken!, options, reporter),
        };
    }

    /// <summary>The names of the settings the chosen API needs but that are empty.</summary>
    public static IReadOnlyList<string> MissingSettings(TrackerSettings settings)
    {
        var missing = new List<string>();
        if (settings.InfluxUrl is null)
        {
            missing.Add("INFLUX_URL");
        }

        if (settings.InfluxApi == InfluxApiVersion.V2)
        {
            AddIfEmpty(missing, "INFLUX_TOKEN", settings.InfluxToken);
            AddIfEmpty(missing, "INFLUX_ORG", settings.InfluxOrg);
        }
        else if (!string.IsNullOrEmpty(settings.InfluxUsername))
        {
            AddIfEmpty(missing, "INFLUX_PASSWORD", settings.InfluxPassword);
        }

        AddIfEmpty(missing, "INFLUX_BUCKET_RAW", settings.InfluxBucketRaw);
        AddIfEmpty(missing, "INFLUX_BUCKET_AGG", settings.InfluxBucketAgg);
        return missing;
    }

    private static void AddIfEmpty(List<string> missing, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            missing.Add(name);
        }
    }
}
