using TraktTracker.Config;
using TraktTracker.State;

namespace TraktTracker.Influx;

/// <summary>
/// Drains the SQLite outbox into InfluxDB: for every dirty day, its <c>watch_event</c> points and its
/// three <c>watch_daily</c> points. A day leaves the outbox only after InfluxDB accepted its points, so an outage
/// loses nothing. Stores must mark days with <see cref="DayKeyOf"/> so unknown-date plays are projected too.
/// </summary>
public sealed class InfluxProjector
{
    private const string Activity = "Projecting to InfluxDB";

    private readonly IInfluxWriter writer;
    private readonly string rawBucket;
    private readonly string aggregateBucket;
    private readonly IRunReporter reporter;
    private readonly int batchLines;
    private bool warnedAboutDeletes;

    public InfluxProjector(IInfluxWriter writer, ProjectionCalendar calendar, string rawBucket, string aggregateBucket, IRunReporter? reporter = null, int batchLines = 5000)
    {
        this.writer = writer;
        Calendar = calendar;
        this.rawBucket = rawBucket;
        this.aggregateBucket = aggregateBucket;
        this.reporter = reporter ?? SilentReporter.Instance;
        this.batchLines = batchLines;
    }

    public ProjectionCalendar Calendar { get; }

    /// <summary>The outbox key of a play: its local day, or <see cref="ProjectionCalendar.UnknownDateKey"/>. Pass it to <see cref="StateStore.ApplyChanges"/>.</summary>
    public Func<DateTimeOffset, string?> DayKeyOf => Calendar.OutboxKey;

    /// <summary>A projector for the settings' buckets and TIMEZONE, writing through <paramref name="writer"/>.</summary>
    public static InfluxProjector ForSettings(TrackerSettings settings, IInfluxWriter writer, IRunReporter? reporter = null)
        => new(writer, new ProjectionCalendar(settings.TimeZone), settings.InfluxBucketRaw, settings.InfluxBucketAgg, reporter);

    /// <summary>Writes every dirty day, oldest first, in batches; days projected before get their old raw points deleted first.</summary>
    /// <exception cref="InfluxException">InfluxDB failed; the days not yet written stay dirty for the next run.</exception>
    public Task<ProjectionResult> ProjectAsync(StateStore store, CancellationToken ct) => ProjectDirtyDaysAsync(store, oldPointsGone: false, ct);

    /// <summary>
    /// Rebuilds the projection from SQLite alone (a TIMEZONE change, a new server, a wiped bucket): deletes both
    /// measurements, marks every day dirty and projects them all.
    /// </summary>
    public async Task<ProjectionResult> RebuildAsync(StateStore store, CancellationToken ct)
    {
        // Dirty first: a run that fails or dies after the deletes still leaves every day for the next run to write.
        store.MarkAllDaysDirty(DayKeyOf);
        await DeleteOrWarnAsync(() => writer.DeleteAllAsync(rawBucket, ProjectionSchema.EventMeasurement, ct)).ConfigureAwait(false);
        await DeleteOrWarnAsync(() => writer.DeleteAllAsync(aggregateBucket, ProjectionSchema.DailyMeasurement, ct)).ConfigureAwait(false);
        return await ProjectDirtyDaysAsync(store, oldPointsGone: true, ct).ConfigureAwait(false);
    }

    private async Task<ProjectionResult> ProjectDirtyDaysAsync(StateStore store, bool oldPointsGone, CancellationToken ct)
    {
        var dirty = store.GetDirtyDays();
        var projectedBefore = oldPointsGone ? [] : store.GetProjectedDays().ToHashSet(StringComparer.Ordinal);
        var totals = new ProjectionResult(0, 0, 0, dirty.Count);
        var batch = new ProjectionBatch();
        try
        {
            foreach (var day in dirty)
            {
                ct.ThrowIfCancellationRequested();
                var isUnknownDate = day == ProjectionCalendar.UnknownDateKey;
                var range = isUnknownDate ? ProjectionCalendar.UnknownDateRangeUtc : Calendar.DayRangeUtc(day);
                var plays = store.GetStoredPlaysInRange(range.Start, range.End);
                if (!batch.IsEmpty && batch.RawPoints.Count + plays.Count > batchLines)
                {
                    totals = await FlushAsync(store, batch, totals, ct).ConfigureAwait(false);
                    batch = new ProjectionBatch();
                }

                batch.Add(day, range, projectedBefore.Contains(day), plays, aggregate: !isUnknownDate);
            }

            totals = await FlushAsync(store, batch, totals, ct).ConfigureAwait(false);
        }
        catch (InfluxException e)
        {
            throw new InfluxException(
                e.Failure,
                $"InfluxDB projection stopped after {totals.DaysProjected} of {dirty.Count} days; the other {totals.DaysPending} stay pending "
                + $"in the state store and are written by the next run. {e.Message}",
                e.StatusCode,
                e.ServerVersion,
                e);
        }
        finally
        {
            reporter.ProgressCompleted(Activity);
        }

        return totals;
    }

    private async Task<ProjectionResult> FlushAsync(StateStore store, ProjectionBatch batch, ProjectionResult totals, CancellationToken ct)
    {
        if (batch.IsEmpty)
        {
            return totals;
        }

        foreach (var (start, end) in batch.StaleRanges)
        {
            await DeleteOrWarnAsync(() => writer.DeleteAsync(rawBucket, ProjectionSchema.EventMeasurement, start, end, ct)).ConfigureAwait(false);
        }

        // "Projected" means "InfluxDB may hold points of the day", so it is recorded before the first write: after a
        // failure or crash part-way, the next run deletes what this one wrote before writing the day again.
        store.MarkDaysProjected(batch.Days);
        await writer.WriteAsync(rawBucket, batch.RawPoints, ct).ConfigureAwait(false);
        await writer.WriteAsync(aggregateBucket, batch.AggregatePoints, ct).ConfigureAwait(false);
        store.ClearDirtyDays(batch.Days);
        var done = totals with
        {
            DaysProjected = totals.DaysProjected + batch.Days.Count,
            RawPoints = totals.RawPoints + batch.RawPoints.Count,
            AggregatePoints = totals.AggregatePoints + batch.AggregatePoints.Count,
            DaysPending = totals.DaysPending - batch.Days.Count,
        };
        var all = done.DaysProjected + done.DaysPending;
        reporter.Progress(Activity, $"{done.DaysProjected} of {all} days, {done.RawPoints} plays", all == 0 ? -1 : 100 * done.DaysProjected / all);
        return done;
    }

    /// <summary>
    /// Servers without deletes (InfluxDB 3, Cloud Serverless) still get every new point; only stale raw points of
    /// changed days remain, which the user is told once per run.
    /// </summary>
    private async Task DeleteOrWarnAsync(Func<Task> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (InfluxException e) when (e.Failure == InfluxFailure.DeleteNotSupported)
        {
            if (!warnedAboutDeletes)
            {
                warnedAboutDeletes = true;
                reporter.Warning(e.Message + " New and changed plays are still written; aggregates stay correct.");
            }
        }
    }
}
