using Cronos;

namespace TraktTracker.Scheduling;

/// <summary>Validates SYNC_CRON and RECONCILE_CRON with Cronos, with messages that name the setting.</summary>
public static class CronText
{
    /// <summary>The setting a job's expression comes from, for messages.</summary>
    public static string SettingName(this ScheduledJob job) => job == ScheduledJob.Sync ? "SYNC_CRON" : "RECONCILE_CRON";

    /// <summary>True for the 6-field form whose first field is seconds.</summary>
    public static bool HasSecondsField(string expression)
        => expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length == 6;

    /// <summary>
    /// Parses a 5-field expression (macros such as <c>@daily</c> included) or, with
    /// <paramref name="allowSeconds"/>, also the 6-field form with seconds first.
    /// </summary>
    public static CronExpression Parse(string expression, string settingName, bool allowSeconds)
    {
        var trimmed = expression.Trim();
        var withSeconds = HasSecondsField(trimmed);
        if (withSeconds && !allowSeconds)
        {
            throw Invalid(settingName, expression,
                "it has six fields, but OS schedules run at minute precision; use five fields (minute hour day month weekday)");
        }

        try
        {
            return CronExpression.Parse(trimmed, withSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            var shape = allowSeconds ? "five fields (minute hour day month weekday) or six with seconds first" : "five fields (minute hour day month weekday)";
            throw Invalid(settingName, expression, $"{ex.Message.TrimEnd('.')}; use {shape}, e.g. '0 6,18 * * *'");
        }
    }

    internal static ScheduleException Invalid(string settingName, string expression, string reason)
        => new(ScheduleErrorKind.InvalidSchedule, $"Invalid cron expression in {settingName}: '{expression}': {reason}.");
}
