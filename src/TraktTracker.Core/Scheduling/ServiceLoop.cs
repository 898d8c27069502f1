using TraktTracker.Config;
using TraktTracker.Sync;

namespace TraktTracker.Scheduling;

/// <summary>
/// The long-running service mode (the reference tool's default): a sync job at once (it backfills first when no
/// backfill finished yet), then sync on SYNC_CRON and reconcile on RECONCILE_CRON until stopped. Jobs run one
/// after another on this loop, so they never overlap; each takes the store's run lock only while it runs, so a
/// one-shot run in between works. Cancelling the token stops the current job at its next safe point (between
/// page transactions) and ends <see cref="RunAsync"/> normally. Failures that need the user (configuration,
/// authorization, a damaged store) end it with that exception; others are reported and the schedule goes on.
/// </summary>
public sealed class ServiceLoop
{
    // Sleep in slices: a far-away run still starts on time after the machine slept or its clock moved.
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(10);

    private readonly ServiceSchedule _schedule;
    private readonly ServiceJobRunner _jobs;
    private readonly IServiceObserver _observer;
    private readonly TimeProvider _time;

    public ServiceLoop(TrackerSettings settings, RunOptions options, IRunReporter reporter, IServiceObserver observer, RuntimeTuning? tuning = null)
    {
        tuning ??= new RuntimeTuning();
        _schedule = ServiceSchedule.From(settings);
        _jobs = new ServiceJobRunner(settings, options, reporter, tuning);
        _observer = observer;
        _time = tuning.Time;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var last = _time.GetUtcNow();
        if (!await RunJobAsync(ScheduledJob.Sync, stop).ConfigureAwait(false))
        {
            return;
        }

        while (true)
        {
            // Never before the last tick: a timer that fires a hair early must not run the same tick twice.
            var now = _time.GetUtcNow();
            var tick = _schedule.Next(now > last ? now : last);
            _observer.Waiting(tick);
            if (!await SleepUntilAsync(tick.At, stop).ConfigureAwait(false))
            {
                return;
            }

            last = tick.At;
            foreach (var job in tick.Jobs)
            {
                if (!await RunJobAsync(job, stop).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    /// <summary>False when the service is stopping.</summary>
    private async Task<bool> RunJobAsync(ScheduledJob job, CancellationToken stop)
    {
        try
        {
            await _jobs.RunAsync(job, summary => _observer.Completed(job, summary), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (!EngineFailure.NeedsUser(EngineFailure.Classify(ex)))
        {
            _observer.Failed(job, ex);
        }

        return !stop.IsCancellationRequested;
    }

    /// <summary>False when the service is stopping.</summary>
    private async Task<bool> SleepUntilAsync(DateTimeOffset at, CancellationToken stop)
    {
        try
        {
            for (var left = at - _time.GetUtcNow(); left > TimeSpan.Zero; left = at - _time.GetUtcNow())
            {
                await Task.Delay(left < MaxSleep ? left : MaxSleep, _time, stop).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
