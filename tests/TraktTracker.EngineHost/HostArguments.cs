using System.Globalization;
using TraktTracker.Sync;

namespace TraktTracker.EngineHost;

/// <summary>The operation to run and how long to wait for another run's lock (null: the engine's default).</summary>
internal sealed record HostArguments(string Operation, TimeSpan? LockTimeout)
{
    public const string Usage =
        "usage: TraktTracker.EngineHost <backfill|sync|reconcile|reconcile-full> [--lock-timeout <seconds>]";

    private static readonly string[] Operations = ["backfill", "sync", "reconcile", "reconcile-full"];

    /// <summary>The parsed arguments, or null when they do not follow <see cref="Usage"/>.</summary>
    public static HostArguments? Parse(string[] args)
    {
        if (args.Length == 0 || !Operations.Contains(args[0]))
        {
            return null;
        }

        if (args.Length == 1)
        {
            return new HostArguments(args[0], null);
        }

        return args.Length == 3 && args[1] == "--lock-timeout"
            && double.TryParse(args[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? new HostArguments(args[0], TimeSpan.FromSeconds(seconds))
            : null;
    }

    public Task<SyncOutcome> RunAsync(TrackerRuntime runtime, CancellationToken ct) => Operation switch
    {
        "backfill" => runtime.BackfillAsync(new RunOptions(), ct),
        "sync" => runtime.SyncAsync(new RunOptions(), ct),
        "reconcile" => runtime.ReconcileAsync(new RunOptions(), ct),
        _ => runtime.ReconcileAsync(new RunOptions { Full = true }, ct),
    };
}
