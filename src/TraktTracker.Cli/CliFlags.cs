namespace TraktTracker.Cli;

/// <summary>Every flag trakt-tracker knows, with its value (if any) and its help line: the parser and --help share this table.</summary>
internal static class CliFlags
{
    public static readonly IReadOnlyList<(string Name, string? Value, string Help)> All =
    [
        ("--auth", null, "Connect to Trakt and exit: shows a URL and a code to enter there (device flow); with --auth-code, exchanges that code instead."),
        ("--auth-code", "CODE", "An authorization code from Trakt's browser flow. With --auth: exchanged now. Otherwise: used once when the store holds no tokens yet (as TRAKT_AUTH_CODE)."),
        ("--once", "JOB", "Run one job and exit: backfill, incremental or reconcile."),
        ("--force-backfill", null, "Backfill again although one finished before (with --once backfill, or at the start of the service mode)."),
        ("--no-influx", null, "Store in SQLite only; what InfluxDB would get stays pending until a run with InfluxDB."),
        ("--reset-state", null, "Wipe the local state store (plays, sync state, tokens) before the rest of the command. A damaged file is moved aside."),
        ("--keep-auth", null, "With --reset-state: keep the stored Trakt tokens."),
        ("--test-influx", null, "Check that InfluxDB is reachable and both buckets accept writes, leaving no data behind; exit."),
        ("--rebuild-influx", null, "Rewrite the whole InfluxDB projection from the local store without calling Trakt; exit."),
        ("--report", "PATH", "Write the HTML report of the local history (totals, months, calendars, top shows and movies) to PATH and exit; Trakt is not called."),
        ("--year", "N", "With --report: add a year in review of year N (in TIMEZONE)."),
        ("--config", "PATH", "The config.toml to read (CONFIG_PATH)."),
        ("--help", null, "Show this help and exit (also -h)."),
        ("--version", null, "Show the version and exit."),
    ];

    public static bool IsKnown(string name) => name == "-h" || All.Any(f => f.Name == name);

    public static bool TakesValue(string name) => All.Any(f => f.Name == name && f.Value is not null);

    public static string ValueHint(string name) => name switch
    {
        "--once" => "backfill, incremental or reconcile",
        "--auth-code" => "the code Trakt showed after you approved the app",
        "--year" => "a year such as 2024",
        _ => "a path",
    };
}
