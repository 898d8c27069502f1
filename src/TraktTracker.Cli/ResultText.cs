using System.Globalization;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.Report;
using TraktTracker.Sync;
using TraktTracker.Trakt;

namespace TraktTracker.Cli;

/// <summary>The one-line results the command line logs. Never a secret: URLs lose their user info.</summary>
internal static class ResultText
{
    public static string Summary(SyncSummary s)
    {
        var head = s.Skipped
            ? $"{s.Operation} skipped: {s.SkipReason}"
            : $"{s.Operation} finished in {Seconds(s.Duration)}: {s.Fetched} fetched, {s.Inserted} inserted, {s.Duplicates} duplicates, " +
              $"{s.Deleted} deleted, {s.ParseErrors} parse errors, {s.RewatchFlagsChanged} rewatch flags changed" +
              (s.RangesDiffed > 0 ? $" ({Count(s.RangesDiffed, "range")} below the window diffed)" : "") +
              (s.RanFullReconcile ? " (escalated to a full reconcile)" : "");
        return $"{head}; InfluxDB: {Count(s.DaysProjected, "day")} projected, {s.DaysPending} pending; {Count(s.ApiCalls, "API call")}.";
    }

    public static string Rebuilt(ProjectionResult r, TimeSpan duration)
        => $"InfluxDB projection rebuilt in {Seconds(duration)}: {Count(r.DaysProjected, "day")}, {r.RawPoints} watch_event and " +
           $"{r.AggregatePoints} watch_daily points written; {r.DaysPending} pending.";

    public static string InfluxChecked(InfluxTestResult r)
        => $"InfluxDB {SafeUrl.Show(r.Url)} ({ApiName(r.Api)}): {(r.Reachable ? $"reachable, version {r.ServerVersion ?? "unknown"}" : "not reachable")}; " +
           $"{r.RawTarget} {Writable(r.CanWriteRaw)}, {r.AggregateTarget} {Writable(r.CanWriteDaily)}.";

    public static string Connection(ConnectionInfo c)
        => $"Connected to Trakt as {c.Username}{(c.IsVip ? " (VIP)" : "")}; the access token is valid until " +
           $"{c.TokenExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} and renews itself.";

    public static string DevicePrompt(DeviceCodePrompt prompt)
        => $"To connect trakt-tracker to Trakt, open {prompt.VerificationUrl} and enter the code {prompt.UserCode} " +
           $"within {Math.Max(1, (int)Math.Round(prompt.ExpiresIn.TotalMinutes))} minutes. Waiting for approval...";

    public static string Report(ReportFile r)
        => $"Report of {Count(r.Plays, "play")}{(r.Year is { } year ? $" with {year} in review" : "")} written to {r.Path} " +
           $"({(r.Bytes + 1023) / 1024} KB; days and hours in {r.TimeZone}).";

    private static string Writable(bool canWrite) => canWrite ? "writable" : "not writable";

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0# 's'", CultureInfo.InvariantCulture);

    public static string ApiName(InfluxApiVersion api) => api == InfluxApiVersion.V1 ? "v1" : "v2";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
