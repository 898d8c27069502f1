using TraktTracker.Config;

namespace TraktTracker.Influx;

/// <summary>
/// Checks an InfluxDB setup without leaving anything behind (Test-TraktInflux): <c>/ping</c> for reachability and
/// version, then per target a probe point written to <see cref="ProjectionSchema.ProbeMeasurement"/>, deleted again
/// and, where the API can read, checked to be gone. watch_event and watch_daily are never touched.
/// </summary>
public sealed class InfluxProbe(IInfluxWriter writer, string rawBucket, string aggregateBucket)
{
    private const string Probe = ProjectionSchema.ProbeMeasurement;

    /// <summary>Options for a check that should answer within seconds: one retry, a short timeout.</summary>
    public static InfluxWriterOptions QuickOptions { get; } = new()
    {
        Retry = InfluxWriterOptions.DefaultRetry with
        {
            MaxRetries = 1,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        },
    };

    /// <summary>
    /// Checks the InfluxDB settings as Test-TraktInflux does, with a writer of its own that answers quickly.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting the chosen INFLUX_API needs is missing.</exception>
    public static async Task<InfluxTestResult> CheckSettingsAsync(TrackerSettings settings, IRunReporter reporter, CancellationToken ct)
    {
        using var writer = InfluxWriterFactory.Create(settings, QuickOptions, reporter);
        reporter.Verbose($"Checking InfluxDB at {writer.Url} ({settings.InfluxApi}): {writer.Describe(settings.InfluxBucketRaw)} and {writer.Describe(settings.InfluxBucketAgg)}.");
        return await new InfluxProbe(writer, settings.InfluxBucketRaw, settings.InfluxBucketAgg).RunAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Runs the check. Server problems end up in the result, never as exceptions.</summary>
    public async Task<InfluxTestResult> RunAsync(CancellationToken ct)
    {
        var result = new InfluxTestResult
        {
            Url = writer.Url,
            Api = writer.Api,
            RawTarget = writer.Describe(rawBucket),
            AggregateTarget = writer.Describe(aggregateBucket),
        };
        string? version;
        try
        {
            version = await writer.PingAsync(ct).ConfigureAwait(false);
        }
        catch (InfluxException e)
        {
            return Failed(result with { Reachable = e.Failure != InfluxFailure.Unreachable }, e);
        }

        result = result with { Reachable = true, ServerVersion = version };
        if (ApiMismatch(version) is { } mismatch)
        {
            return Failed(result, mismatch);
        }

        var raw = await CheckTargetAsync(rawBucket, ct).ConfigureAwait(false);
        var daily = aggregateBucket == rawBucket ? raw : await CheckTargetAsync(aggregateBucket, ct).ConfigureAwait(false);
        return Completed(result with { CanWriteRaw = raw.CanWrite, CanWriteDaily = daily.CanWrite }, raw, daily);
    }

    /// <summary>
    /// INFLUX_API=v1 against InfluxDB 2.x: its 1.x compatibility API needs DBRP mappings and cannot delete, which the
    /// projection relies on. (v2 against 1.x needs no guess: the write's 404 names it.)
    /// </summary>
    private InfluxException? ApiMismatch(string? version)
        => writer.Api == InfluxApiVersion.V1 && version?.TrimStart('v').StartsWith("2.", StringComparison.Ordinal) == true
            ? new InfluxException(
                InfluxFailure.WrongApi,
                $"InfluxDB at {writer.Url} is version {version}, but INFLUX_API is v1. Set INFLUX_API=v2 with INFLUX_TOKEN and INFLUX_ORG, "
                + "and name buckets in INFLUX_BUCKET_RAW / INFLUX_BUCKET_AGG: the 1.x compatibility API of InfluxDB 2.x cannot delete points, "
                + "which the projection needs.",
                serverVersion: version)
            : null;

    private async Task<TargetCheck> CheckTargetAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(bucket, [ProbePoint()], ct).ConfigureAwait(false);
        }
        catch (InfluxException e)
        {
            return new TargetCheck(false, false, e, null);
        }

        try
        {
            await writer.DeleteAllAsync(bucket, Probe, ct).ConfigureAwait(false);
        }
        catch (InfluxException e) when (e.Failure == InfluxFailure.DeleteNotSupported)
        {
            return new TargetCheck(true, false, null, $"{e.Message} The probe point stays in measurement '{Probe}' of {writer.Describe(bucket)}; watch_event and watch_daily were not touched.");
        }
        catch (InfluxException e)
        {
            return new TargetCheck(true, false, new InfluxException(e.Failure,
                $"{e.Message} The probe point was written but could not be deleted; remove measurement '{Probe}' from {writer.Describe(bucket)} by hand.",
                e.StatusCode, e.ServerVersion), null);
        }

        return await VerifyGoneAsync(bucket, ct).ConfigureAwait(false);
    }

    private async Task<TargetCheck> VerifyGoneAsync(string bucket, CancellationToken ct)
    {
        try
        {
            return await writer.HoldsPointsAsync(bucket, Probe, ct).ConfigureAwait(false) == true
                ? new TargetCheck(true, false, new InfluxException(InfluxFailure.UnexpectedResponse,
                    $"InfluxDB at {writer.Url} accepted the delete of the probe point in {writer.Describe(bucket)}, yet measurement '{Probe}' still holds points: "
                    + "this server does not delete reliably, so changed days would keep stale points."), null)
                : new TargetCheck(true, true, null, null);
        }
        catch (InfluxException e) when (e.Failure is InfluxFailure.Forbidden or InfluxFailure.Unauthorized)
        {
            // A write-only user may write and delete but not read: the delete's own answer has to do.
            return new TargetCheck(true, true, null, $"The user may not read {writer.Describe(bucket)}, so the delete of the probe point was not read back.");
        }
    }

    // Now, so no retention policy drops it.
    private static LinePoint ProbePoint()
        => LinePoint.Measurement(Probe).Tag("check", "Test-TraktInflux").Field("ok", true).Timestamp(DateTimeOffset.UtcNow);

    private static InfluxTestResult Failed(InfluxTestResult result, InfluxException problem)
        => result with { Success = false, Failure = problem.Failure, Message = problem.Message };

    private InfluxTestResult Completed(InfluxTestResult result, TargetCheck raw, TargetCheck daily)
    {
        var notes = new[] { raw.Note, daily.Note }.OfType<string>().Distinct(StringComparer.Ordinal);
        var problems = new[] { raw.Problem, daily.Problem }.OfType<InfluxException>().ToList();
        if (problems.Count > 0)
        {
            var messages = problems.Select(p => p.Message).Distinct(StringComparer.Ordinal);
            return result with { Success = false, Failure = problems[0].Failure, Message = string.Join(" ", messages.Concat(notes)) };
        }

        var targets = rawBucket == aggregateBucket ? result.RawTarget : $"{result.RawTarget} and {result.AggregateTarget}";
        var summary = $"InfluxDB {result.ServerVersion ?? "(version not given)"} at {writer.Url} accepts writes to {targets}"
            + (raw.Cleaned && daily.Cleaned ? $"; the probe points in '{Probe}' were deleted again." : ".");
        return result with { Success = true, Message = string.Join(" ", notes.Prepend(summary)) };
    }

    /// <summary>What one target showed: whether it took a write, what failed, and anything worth knowing.</summary>
    private sealed record TargetCheck(bool CanWrite, bool Cleaned, InfluxException? Problem, string? Note);
}
