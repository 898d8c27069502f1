using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>Picks the writer for <see cref="TrackerSettings.InfluxApi"/> once its settings are complete.</summary>
public static class InfluxWriterFactory
{
    /// <exception cref="ConfigurationException">A setting the chosen API needs is missing (<see cref="SettingsRequirements.RequireInflux"/>).</exception>
    public static IInfluxWriter Create(TrackerSettings settings, InfluxWriterOptions? options = null, IRunReporter? reporter = null)
    {
        settings.RequireInflux();
        options ??= new InfluxWriterOptions();
        options = options with { Retry = options.Retry with { Budget = TimeSpan.FromSeconds(settings.InfluxRetryBudgetSeconds) } };
        return settings.InfluxApi switch
        {
            InfluxApiVersion.V1 => new InfluxV1Writer(settings.InfluxUrl!, settings.InfluxUsername, settings.InfluxPassword, options, reporter),
            _ => new InfluxV2Writer(settings.InfluxUrl!, settings.InfluxOrg!, settings.InfluxToken!, options, reporter),
        };
    }
}
