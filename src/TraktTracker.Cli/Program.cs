using TraktTracker;
using TraktTracker.Cli;
using TraktTracker.Config;
using TraktTracker.Logging;

// trakt-tracker: parses flags, resolves settings, runs one engine action and maps failures to exit codes.
CliArguments cli;
try
{
    cli = CliArguments.Parse(args);
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"trakt-tracker: {ex.Message}");
    return ExitCodes.Usage;
}

if (cli.Action is CliAction.Help or CliAction.Version)
{
    Console.Out.Write(cli.Action == CliAction.Help ? HelpText.Usage() : $"trakt-tracker {HelpText.Version}\n");
    return ExitCodes.Ok;
}

using var signals = new StopSignals();
var log = new LineLog(Console.Out, Console.Error, LogLevel.Info);
try
{
    var settings = SettingsLoader.Load(Overrides(cli));
    log = new LineLog(Console.Out, Console.Error, LogLevels.FromSetting(settings.LogLevel));
    await new CliCommands(cli, settings, log).RunAsync(signals.Token);
    return ExitCodes.Ok;
}
catch (Exception ex)
{
    var kind = EngineFailure.Classify(ex);
    FailureReport.Write(log, ex, kind, signals.Received);
    return ExitCodes.For(kind, signals.Received);
}

static Dictionary<string, string?> Overrides(CliArguments cli)
{
    var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
    if (cli.ConfigPath is not null)
    {
        overrides[SettingNames.ConfigPath] = Path.GetFullPath(cli.ConfigPath);
    }

    if (cli.AuthCode is not null && cli.Action != CliAction.Auth)
    {
        overrides[SettingNames.TraktAuthCode] = cli.AuthCode;
    }

    return overrides;
}
