using System.Globalization;

namespace TraktTracker.Cli;

/// <summary>
/// The parsed command line. Flags keep the reference tool's names and meanings; <c>--flag value</c> and
/// <c>--flag=value</c> both work. Anything unknown, repeated or contradictory is a <see cref="UsageException"/>.
/// </summary>
internal sealed record CliArguments
{
    private static readonly string[] ActionFlags = ["--auth", "--once", "--test-influx", "--rebuild-influx", "--report"];

    public CliAction Action { get; private init; } = CliAction.Service;

    public OnceJob? Once { get; private init; }

    public string? AuthCode { get; private init; }

    public string? ConfigPath { get; private init; }

    public bool ForceBackfill { get; private init; }

    public bool ResetState { get; private init; }

    public bool KeepAuth { get; private init; }

    public bool NoInflux { get; private init; }

    /// <summary>With <see cref="CliAction.Report"/>: the HTML file to write.</summary>
    public string? ReportPath { get; private init; }

    /// <summary>With <see cref="CliAction.Report"/>: the year in review, if any.</summary>
    public int? Year { get; private init; }

    /// <summary>Records print every member by default, and an authorization code is a secret.</summary>
    public override string ToString() =>
        $"CliArguments {{ Action = {Action}, Once = {Once}, AuthCode = {(AuthCode is null ? "(none)" : "***")}, ConfigPath = {ConfigPath}, " +
        $"ForceBackfill = {ForceBackfill}, ResetState = {ResetState}, KeepAuth = {KeepAuth}, NoInflux = {NoInflux}, " +
        $"ReportPath = {ReportPath}, Year = {Year} }}";

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var flags = ReadFlags(args);
        if (flags.ContainsKey("--help") || flags.ContainsKey("-h"))
        {
            return new CliArguments { Action = CliAction.Help };
        }

        if (flags.ContainsKey("--version"))
        {
            return new CliArguments { Action = CliAction.Version };
        }

        var parsed = new CliArguments
        {
            Action = ActionOf(flags),
            Once = flags.TryGetValue("--once", out var once) ? ParseOnce(once!) : null,
            AuthCode = flags.GetValueOrDefault("--auth-code"),
            ConfigPath = flags.GetValueOrDefault("--config"),
            ForceBackfill = flags.ContainsKey("--force-backfill"),
            ResetState = flags.ContainsKey("--reset-state"),
            KeepAuth = flags.ContainsKey("--keep-auth"),
            NoInflux = flags.ContainsKey("--no-influx"),
            ReportPath = flags.GetValueOrDefault("--report"),
            Year = flags.TryGetValue("--year", out var year) ? ParseYear(year!) : null,
        };
        parsed.CheckCombinations();
        return parsed;
    }

    /// <summary>Flag → value (null for switches), each flag at most once.</summary>
    private static Dictionary<string, string?> ReadFlags(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            var takesValue = CliFlags.TakesValue(name);
            var value = takesValue ? inlineValue ?? NextValue(args, ref i, name) : inlineValue is null ? null
                : throw new UsageException($"{name} takes no value (got '{args[i]}').");
            if (takesValue && string.IsNullOrWhiteSpace(value))
            {
                throw new UsageException($"{name} needs a value: {CliFlags.ValueHint(name)}.");
            }

            if (!flags.TryAdd(name, value))
            {
                throw new UsageException($"{name} is given twice: give it once.");
            }
        }

        return flags;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        if (!arg.StartsWith('-'))
        {
            throw new UsageException($"Unexpected argument '{arg}': trakt-tracker takes only flags. Run 'trakt-tracker --help' to see them.");
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? arg : arg[..equals];
        if (!CliFlags.IsKnown(name))
        {
            throw new UsageException($"Unknown option '{name}'. Run 'trakt-tracker --help' to see the options.");
        }

        return (name, equals < 0 ? null : arg[(equals + 1)..]);
    }

    private static string NextValue(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{name} needs a value: {CliFlags.ValueHint(name)}.");
        }

        return args[++i];
    }

    private static OnceJob ParseOnce(string value) => value.Trim().ToLowerInvariant() switch
    {
        "backfill" => OnceJob.Backfill,
        "incremental" => OnceJob.Incremental,
        "reconcile" => OnceJob.Reconcile,
        _ => throw new UsageException($"Invalid value for --once: '{value}'. Use backfill, incremental or reconcile."),
    };

    private static int ParseYear(string value)
        => int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999
            ? year
            : throw new UsageException($"Invalid value for --year: '{value}'. Give a year such as 2024.");

    private static CliAction ActionOf(Dictionary<string, string?> flags)
    {
        var given = ActionFlags.Where(flags.ContainsKey).ToList();
        if (given.Count > 1)
        {
            throw new UsageException($"{given[0]} and {given[1]} cannot be combined: run them one after the other.");
        }

        return given.FirstOrDefault() switch
        {
            "--auth" => CliAction.Auth,
            "--once" => CliAction.Once,
            "--test-influx" => CliAction.TestInflux,
            "--rebuild-influx" => CliAction.RebuildInflux,
            "--report" => CliAction.Report,
            _ => CliAction.Service,
        };
    }

    private void CheckCombinations()
    {
        var syncs = Action is CliAction.Service or CliAction.Once;
        Require(!ForceBackfill || Action == CliAction.Service || Once == OnceJob.Backfill,
            "--force-backfill applies to --once backfill and to the service mode (no --once)");
        Require(!NoInflux || syncs || Action == CliAction.Auth, $"--no-influx cannot be combined with {FlagOf(Action)}");
        Require(AuthCode is null || syncs || Action == CliAction.Auth, $"--auth-code cannot be combined with {FlagOf(Action)}");
        Require(!ResetState || syncs || Action == CliAction.Auth, $"--reset-state cannot be combined with {FlagOf(Action)}");
        Require(!KeepAuth || ResetState, "--keep-auth only applies to --reset-state");
        Require(Year is null || Action == CliAction.Report, "--year only applies to --report");
    }

    private static string FlagOf(CliAction action) => action switch
    {
        CliAction.TestInflux => "--test-influx",
        CliAction.Report => "--report",
        _ => "--rebuild-influx",
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new UsageException(message + ". Run 'trakt-tracker --help' to see the options.");
        }
    }
}
