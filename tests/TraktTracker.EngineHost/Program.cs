using TraktTracker.Config;
using TraktTracker.EngineHost;
using TraktTracker.State;
using TraktTracker.Sync;

// Runs one engine operation in its own process, configured exactly like a real run (environment, then
// config.toml through SettingsLoader), so tests can kill it at any moment or run two at once.
// Phase markers and engine messages go to stderr, the summary to stdout.
if (HostArguments.Parse(args) is not { } host)
{
    Console.Error.WriteLine(HostArguments.Usage);
    return ExitCodes.Usage;
}

var reporter = new StderrReporter();
try
{
    var settings = SettingsLoader.Load();
    using var runtime = TrackerRuntime.Open(settings, reporter, lockTimeout: host.LockTimeout);
    reporter.Marker($"start {host.Operation}");
    var outcome = await host.RunAsync(runtime, CancellationToken.None);
    Console.Out.WriteLine(outcome.Summary);
    reporter.Marker("done");
    return ExitCodes.Success;
}
catch (StateLockedException ex)
{
    reporter.Error(ex.Message);
    return ExitCodes.Locked;
}
catch (Exception ex)
{
    reporter.Error($"{ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Failed;
}
