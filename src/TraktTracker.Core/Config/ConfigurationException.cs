namespace TraktTracker.Config;

/// <summary>A missing or invalid setting. The message names the setting and what to do.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string setting, string message)
        : base(message)
    {
        Setting = setting;
    }

    /// <summary>The environment-variable name of the offending setting.</summary>
    public string Setting { get; }
}
