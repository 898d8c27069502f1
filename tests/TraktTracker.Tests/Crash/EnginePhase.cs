namespace TraktTracker.Tests.Crash;

/// <summary>Where a run of the engine is, as its EngineHost reports it on stderr.</summary>
internal enum EnginePhase
{
    /// <summary>Settings, run lock, store: before the operation started.</summary>
    Starting,
    Backfill,
    Sync,
    Reconcile,
    Projection,
    Finished,
}

internal static class EnginePhases
{
    /// <summary>The phase the last phase-bearing line announced: the one the run was in when its output stopped.</summary>
    public static EnginePhase Last(IEnumerable<string> lines)
        => lines.Select(Of).LastOrDefault(p => p is not null) ?? EnginePhase.Starting;

    /// <summary>The phase a stderr line of the EngineHost announces, or null (see its StderrReporter).</summary>
    public static EnginePhase? Of(string line) => line switch
    {
        "marker|start backfill" => EnginePhase.Backfill,
        "marker|start sync" => EnginePhase.Sync,
        _ when line.StartsWith("marker|start reconcile", StringComparison.Ordinal) => EnginePhase.Reconcile,
        "marker|done" => EnginePhase.Finished,
        _ when line.StartsWith("progress|Trakt backfill|", StringComparison.Ordinal) => EnginePhase.Backfill,
        _ when line.StartsWith("progress|Trakt sync|", StringComparison.Ordinal) => EnginePhase.Sync,
        _ when line.StartsWith("progress|Trakt reconcile|", StringComparison.Ordinal) => EnginePhase.Reconcile,
        _ when line.StartsWith("verbose|Projecting ", StringComparison.Ordinal) => EnginePhase.Projection,
        _ when line.StartsWith("progress|Projecting to InfluxDB|", StringComparison.Ordinal) => EnginePhase.Projection,
        _ => null,
    };
}
