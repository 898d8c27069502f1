using TraktTracker.Config;
using TraktTracker.Scheduling;

namespace TraktTracker.Tests.Scheduling;

/// <summary>The service mode's timetable: SYNC_CRON and RECONCILE_CRON in TIMEZONE.</summary>
public sealed class ServiceScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-24T04:00:00", "2026-11-24T05:00:00", ScheduledJob.Sync)]       // 06:00 in Berlin (CET)
    [InlineData("2026-11-24T05:00:00", "2026-11-24T17:00:00", ScheduledJob.Sync)]       // strictly after: the 18:00 run
    [InlineData("2026-11-24T17:00:00", "2026-11-25T02:30:00", ScheduledJob.Reconcile)]  // 03:30 the next night
    [InlineData("2026-07-01T00:00:00", "2026-07-01T01:30:00", ScheduledJob.Reconcile)]  // CEST: UTC+2
    public void Defaults_fire_at_the_local_times_of_TIMEZONE(string after, string expected, ScheduledJob job)
    {
        var schedule = new ServiceSchedule("0 6,18 * * *", "30 3 * * *", Berlin);

        var tick = schedule.Next(Utc(after));

        Assert.Equal(Utc(expected), tick.At);
        Assert.Equal([job], tick.Jobs);
    }

    [Fact]
    public void Jobs_due_at_the_same_instant_come_in_one_tick_sync_first()
    {
        var schedule = new ServiceSchedule("0 * * * *", "0 3 * * *", Berlin);

        var tick = schedule.Next(Utc("2026-11-24T01:30:00"));

        Assert.Equal(Utc("2026-11-24T02:00:00"), tick.At);
        Assert.Equal([ScheduledJob.Sync, ScheduledJob.Reconcile], tick.Jobs);
    }

    [Fact]
    public void A_run_in_the_skipped_spring_forward_hour_moves_to_its_end_and_the_repeated_autumn_hour_runs_once()
    {
        var schedule = new ServiceSchedule("0 12 * * *", "30 2 * * *", Berlin);

        var spring = schedule.Next(Utc("2026-03-28T23:00:00"));
        var autumn = schedule.Next(Utc("2026-10-24T23:00:00"));
        var afterAutumn = schedule.Next(autumn.At);

        Assert.Equal(Utc("2026-03-29T01:00:00"), spring.At); // 02:30 does not exist: 03:00 CEST
        Assert.Equal(Utc("2026-10-25T00:30:00"), autumn.At); // the first 02:30 (CEST)
        Assert.Equal(Utc("2026-10-25T11:00:00"), afterAutumn.At);
        Assert.Equal([ScheduledJob.Sync], afterAutumn.Jobs);
    }

    [Fact]
    public void Six_fields_put_seconds_first()
    {
        var schedule = new ServiceSchedule("*/10 * * * * *", "0 0 3 * * *", TimeZoneInfo.Utc);

        Assert.Equal(Utc("2026-11-24T12:00:10"), schedule.Next(Utc("2026-11-24T12:00:01")).At);
    }

    [Fact]
    public void Expressions_that_never_fire_are_a_configuration_error_naming_SYNC_CRON()
    {
        var schedule = new ServiceSchedule("0 0 30 2 *", "0 0 31 4 *", Berlin);

        var error = Assert.Throws<ConfigurationException>(() => schedule.Next(Utc("2026-11-24T00:00:00")));

        Assert.Equal(SettingNames.SyncCron, error.Setting);
        Assert.Contains("never run", error.Message);
    }
}
