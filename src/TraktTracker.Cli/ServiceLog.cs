using System.Globalization;
using TraktTracker.Logging;
using TraktTracker.Scheduling;
using TraktTracker.Sync;

namespace TraktTracker.Cli;

/// <summary>Service-mode events as log lines: each job's summary, failures, and when the next run is due (in TIMEZONE).</summary>
internal sealed class ServiceLog(LineLog log, TimeZoneInfo zone) : IServiceObserver
{
    public void Waiting(ServiceTick next)
    {
        var local = TimeZoneInfo.ConvertTime(next.At, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        log.Info($"Next: {string.Join(" and ", next.Jobs.Select(JobName))} at {local} {zone.Id}.");
    }

    public void Completed(ScheduledJob job, SyncSummary summary) => log.Info(ResultText.Summary(summary));

    public void Failed(ScheduledJob job, Exception error)
        => log.Error($"The {JobName(job)} job failed; the service goes on and tries again at the next run. {EngineFailure.MessageChain(error)}");

    private static string JobName(ScheduledJob job) => job == ScheduledJob.Sync ? "sync" : "reconcile";
}
