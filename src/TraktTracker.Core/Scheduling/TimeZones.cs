namespace TraktTracker.Scheduling;

/// <summary>Time-zone facts the backends need: IANA names, and whether two zones keep the same clock.</summary>
public static class TimeZones
{
    /// <summary>The IANA id (cron's CRON_TZ and systemd's OnCalendar need it), also for Windows zone ids.</summary>
    public static string IanaId(TimeZoneInfo zone)
        => zone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? zone.Id : iana;

    /// <summary>
    /// For schedulers that only know the machine's clock (launchd, Task Scheduler): the requested zone must show
    /// the same time as the local one all year round, or the runs would drift by the offset (and by DST).
    /// </summary>
    internal static void RequireLocalClock(JobSpec spec, TimeZoneInfo local, ScheduleBackend backend)
    {
        if (!SameClock(spec.Zone, local, DateTime.UtcNow))
        {
            throw new ScheduleException(ScheduleErrorKind.InvalidSchedule,
                $"The {backend} backend runs jobs in this machine's time zone ({IanaId(local)}), but TIMEZONE is "
                + $"{spec.ZoneId}. Set TIMEZONE (or -TimeZone) to {IanaId(local)}, or use a backend that takes a zone "
                + "(Cron with CRON_TZ, Systemd).");
        }
    }

    private static bool SameClock(TimeZoneInfo a, TimeZoneInfo b, DateTime fromUtc)
    {
        if (a.Id == b.Id)
        {
            return true;
        }

        // Hourly over a year catches every DST rule difference.
        for (var t = fromUtc; t < fromUtc.AddDays(366); t = t.AddHours(1))
        {
            if (a.GetUtcOffset(t) != b.GetUtcOffset(t))
            {
                return false;
            }
        }

        return true;
    }
}
