using Xunit;
using Cronos;
using TraktTracker.Scheduling;

namespace TraktTracker.Tests.Scheduling;

public class CronFieldsTests
{
    [Theory]
    [InlineData("0 6,18 * * *", "0 6,18 * * *")]
    [InlineData("*/15 9-17 * * MON-FRI", "*/15 9-17 * * 1-5")]
    [InlineData("5/15 * * * *", "5-59/15 * * * *")]
    [InlineData("@daily", "0 0 * * *")]
    [InlineData("@weekly", "0 0 * * 0")]
    [InlineData("0 0 * * 7", "0 0 * * 0")]
    [InlineData("0 0 ? JAN,FEB,MAR,JUN *", "0 0 * 1-3,6 *")]
    [InlineData("0 0 1,2 * *", "0 0 1,2 * *")]
    [InlineData("0-59 * * * *", "* * * * *")]
    public void Crontab_rendering_is_plain_crontab5_syntax(string expression, string expected)
    {
        Assert.Equal(expected, RenderCrontab(CronFields.Parse(expression, ScheduledJob.Sync, ScheduleBackend.Cron)));
    }

    [Theory]
    [InlineData("*/7 * * * *")]
    [InlineData("5/15 0-6,22,23 * * 1-5")]
    [InlineData("0 0 1-31/3 FEB-NOV *")]
    [InlineData("@monthly")]
    [InlineData("13 4 * * SUN,SAT")]
    public void Crontab_rendering_fires_exactly_when_the_original_does(string expression)
    {
        var rendered = RenderCrontab(CronFields.Parse(expression, ScheduledJob.Sync, ScheduleBackend.Cron));
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddDays(400);
        Assert.Equal(
            CronExpression.Parse(expression).GetOccurrences(from, to, TimeZoneInfo.Utc).Take(2000),
            CronExpression.Parse(rendered).GetOccurrences(from, to, TimeZoneInfo.Utc).Take(2000));
    }

    [Fact]
    public void An_invalid_expression_names_the_setting_the_expression_and_the_problem()
    {
        var error = Assert.Throws<ScheduleException>(() => CronFields.Parse("0 25 * * *", ScheduledJob.Reconcile, ScheduleBackend.Cron));
        Assert.Equal(ScheduleErrorKind.InvalidSchedule, error.Kind);
        Assert.Contains("RECONCILE_CRON", error.Message);
        Assert.Contains("'0 25 * * *'", error.Message);
        Assert.Contains("Hours", error.Message);
    }

    [Fact]
    public void A_seconds_field_is_refused_for_os_schedules()
    {
        var error = Assert.Throws<ScheduleException>(() => CronFields.Parse("*/10 * * * * *", ScheduledJob.Sync, ScheduleBackend.Systemd));
        Assert.Contains("SYNC_CRON", error.Message);
        Assert.Contains("minute precision", error.Message);
    }

    [Theory]
    [InlineData("0 0 L * *", "L")]
    [InlineData("0 0 15W * *", "15W")]
    [InlineData("0 0 * * MON#2", "1#2")]
    public void Last_nearest_and_nth_weekday_are_refused_naming_the_backend(string expression, string token)
    {
        var error = Assert.Throws<ScheduleException>(() => CronFields.Parse(expression, ScheduledJob.Sync, ScheduleBackend.Launchd));
        Assert.Contains($"SYNC_CRON '{expression}'", error.Message);
        Assert.Contains("Launchd backend", error.Message);
        Assert.Contains($"'{token}'", error.Message);
    }

    [Fact]
    public void Both_day_fields_are_refused_where_the_scheduler_would_or_them()
    {
        var fields = CronFields.Parse("30 4 1,15 * 5", ScheduledJob.Sync, ScheduleBackend.Cron);
        var error = Assert.Throws<ScheduleException>(() => fields.RequireSingleDayField("30 4 1,15 * 5", ScheduledJob.Sync, ScheduleBackend.Cron));
        Assert.Contains("both day-of-month and day-of-week", error.Message);
        Assert.Contains("Cron backend", error.Message);
    }

    [Theory]
    [InlineData("0 6 * * *", false)]
    [InlineData("*/10 * * * * *", true)]
    public void The_service_mode_parser_takes_five_or_six_fields(string expression, bool withSeconds)
    {
        var parsed = CronText.Parse(expression, "SYNC_CRON", allowSeconds: true);
        var from = new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc);
        var next = parsed.GetNextOccurrence(from, TimeZoneInfo.Utc)!.Value;
        Assert.Equal(withSeconds ? from.AddSeconds(9) : new DateTime(2026, 1, 1, 6, 0, 0, DateTimeKind.Utc), next);
    }

    private static string RenderCrontab(CronFields fields)
        => string.Join(" ", new[] { fields.Minutes, fields.Hours, fields.DaysOfMonth, fields.Months, fields.DaysOfWeek }
            .Select(set => set.Render(CronSyntax.Crontab)));
}
