namespace TraktTracker.Config;

/// <summary>
/// Every numeric setting, one line each: name, default, smallest and largest value, unit, whole or fractional.
/// <see cref="SettingsLoader"/> checks all of them on every load; the README's "Numeric settings" table lists the same
/// ranges (a test compares the two).
/// </summary>
public static class NumericSettings
{
    private static readonly List<NumericSetting> Table = [];

    public static readonly NumericSetting TraktMaxRetries = Whole(SettingNames.TraktMaxRetries, 5, 0, 20, "retries");
    public static readonly NumericSetting TraktRetryAfterMargin = Fraction(SettingNames.TraktRetryAfterMargin, 0.9, 0, 60, "seconds");
    public static readonly NumericSetting TraktMinRequestInterval = Fraction(SettingNames.TraktMinRequestInterval, 0, 0, 60, "seconds");
    public static readonly NumericSetting TraktGetLimit = Whole(SettingNames.TraktGetLimit, 500, 1, 1000, "requests");
    public static readonly NumericSetting TraktRequestTimeout = Fraction(SettingNames.TraktRequestTimeout, 30, 1, 600, "seconds");
    public static readonly NumericSetting TraktRetryBudget = Fraction(SettingNames.TraktRetryBudget, 120, 1, 3600, "seconds");
    public static readonly NumericSetting InfluxRetryBudget = Fraction(SettingNames.InfluxRetryBudget, 30, 1, 3600, "seconds");
    public static readonly NumericSetting OverlapHours = Whole(SettingNames.OverlapHours, 24, 0, 8760, "hours");
    public static readonly NumericSetting ReconcileDays = Whole(SettingNames.ReconcileDays, 7, 1, 36500, "days");
    public static readonly NumericSetting ReconcileFullDays = Whole(SettingNames.ReconcileFullDays, 7, 0, 36500, "days");
    public static readonly NumericSetting LockTimeout = Fraction(SettingNames.LockTimeout, 120, 0, 86400, "seconds");

    /// <summary>The whole table, in declaration order.</summary>
    public static IReadOnlyList<NumericSetting> All => Table;

    private static NumericSetting Whole(string name, int defaultValue, int min, int max, string unit)
        => Add(new NumericSetting(name, defaultValue, min, max, unit, WholeNumber: true));

    private static NumericSetting Fraction(string name, double defaultValue, double min, double max, string unit)
        => Add(new NumericSetting(name, defaultValue, min, max, unit, WholeNumber: false));

    private static NumericSetting Add(NumericSetting setting)
    {
        Table.Add(setting);
        return setting;
    }
}
