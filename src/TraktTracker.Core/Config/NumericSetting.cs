using System.Globalization;

namespace TraktTracker.Config;

/// <summary>
/// A numeric setting with its default and the range a value must fall in (the README's "Numeric settings" table).
/// Every value outside the range, empty, non-numeric, NaN or infinite is refused when the settings load, whether or
/// not the run would use it, so a bad value can never surface later as an overflow.
/// </summary>
public sealed record NumericSetting(string Name, double Default, double Min, double Max, string Unit, bool WholeNumber)
{
    /// <summary>How the README and every error state the range, e.g. "a whole number of hours from 0 to 8760".</summary>
    public string Range => string.Create(CultureInfo.InvariantCulture,
        $"{(WholeNumber ? "a whole number" : "a number")} of {Unit} from {Min} to {Max}");

    /// <summary>The value of <paramref name="raw"/> (null: the default); throws naming the setting and its range.</summary>
    public double Parse(string? raw)
    {
        if (raw is null)
        {
            return Default;
        }

        var styles = WholeNumber ? NumberStyles.AllowLeadingSign : NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        return double.TryParse(raw.Trim(), styles, CultureInfo.InvariantCulture, out var value) && value >= Min && value <= Max
            ? value
            : throw new ConfigurationException(Name,
                $"Invalid value for {Name}: '{raw}'. Expected {Range} (default {Default.ToString(CultureInfo.InvariantCulture)}); " +
                "fix or remove it in the environment or config.toml.");
    }
}
