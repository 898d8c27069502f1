namespace TraktTracker.Cli;

/// <summary>The one thing a trakt-tracker invocation does.</summary>
internal enum CliAction
{
    /// <summary>No action flag: backfill if needed, one sync, then SYNC_CRON / RECONCILE_CRON until stopped.</summary>
    Service,
    Once,
    Auth,
    TestInflux,
    RebuildInflux,

    /// <summary>Write the HTML report of the local history (<c>--report PATH [--year N]</c>).</summary>
    Report,
    Help,
    Version,
}

/// <summary>The jobs <c>--once</c> runs.</summary>
internal enum OnceJob
{
    Backfill,
    Incremental,
    Reconcile,
}
