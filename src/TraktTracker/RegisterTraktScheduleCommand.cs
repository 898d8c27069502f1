using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>
/// Register-TraktSchedule: installs the sync (SYNC_CRON) and reconcile (RECONCILE_CRON) jobs in an OS scheduler,
/// read in TIMEZONE, replacing the ones registered before. -WhatIf shows each exact entry; the installed
/// entries are written to the pipeline.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "TraktSchedule", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(ScheduleEntry))]
public sealed class RegisterTraktScheduleCommand : TraktCmdlet
{
    /// <summary>The OS scheduler; Auto picks the one of this OS.</summary>
    [Parameter]
    public ScheduleBackend Backend { get => (ScheduleBackend)_backend; set => _backend = (int)value; }

    // Stored as its number (Auto): see TraktCmdlet for why no field of a cmdlet has an engine type.
    private int _backend;

    /// <summary>When the incremental sync runs (SYNC_CRON).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SyncCron { get; set; }

    /// <summary>When the reconcile runs (RECONCILE_CRON).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReconcileCron { get; set; }

    /// <summary>The IANA zone both expressions are read in (TIMEZONE); Tab completes zone ids.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? TimeZone { get; set; }

    /// <summary>What a run starts: this module through pwsh, or the trakt-tracker command line.</summary>
    [Parameter]
    public ScheduleRunner Runner { get; set; } = ScheduleRunner.Module;

    /// <summary>The pwsh or trakt-tracker executable the runs start; found automatically when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// Writes this session's settings (parameters, environment variables, config.toml; not the single-use
    /// TRAKT_REFRESH_TOKEN / TRAKT_AUTH_CODE) into a private config file that the scheduled runs read, since they do
    /// not inherit the session's environment variables.
    /// </summary>
    [Parameter]
    public SwitchParameter SaveSettings { get; set; }

    /// <summary>The file -SaveSettings writes: beside the per-user config.toml, readable by its owner only.</summary>
    private static string SavedSettingsPath => Path.Combine(new TrackerPaths().ConfigDirectory, "schedule.toml");

    protected override object? ErrorTarget(Exception exception) => exception is ScheduleException ? Backend : base.ErrorTarget(exception);

    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        var machine = ScheduleHost.Machine();
        var manager = new ScheduleManager(machine, Reporter);
        var request = ScheduleRequest.FromSettings(settings, Launcher(machine)) with { Backend = Backend };
        if (SaveSettings)
        {
            request = request with { ConfigPath = SavedSettingsPath };
            if (!SaveSessionSettings(settings))
            {
                return;
            }
        }
        else
        {
            manager.CheckScheduledSettings(request);
        }

        WriteObject(manager.Register(request, ShouldProcess), enumerateCollection: true);
    }

    /// <summary>Writes the schedule's config file; false when the user declined it (then nothing is registered).</summary>
    private bool SaveSessionSettings(TrackerSettings settings)
    {
        // What the file would hold must be enough for a run; else the schedule would fail as surely as without it.
        if (settings.MissingForRuns() is { Count: > 0 } missing)
        {
            throw new ConfigurationException(missing[0],
                $"Missing required configuration value(s) for scheduled runs: {string.Join(", ", missing)}. Set them in this session (parameter, environment variable or config.toml) before -SaveSettings.");
        }

        var values = SettingsLoader.RawValues(SettingOverrides())
            .Where(pair => pair.Key is not (SettingNames.TraktRefreshToken or SettingNames.TraktAuthCode))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        if (ShouldProcess(SavedSettingsPath, $"Write this session's settings ({string.Join(", ", values.Keys.Order())}) into a private config file for the scheduled runs"))
        {
            ConfigFile.Write(SavedSettingsPath, new SortedDictionary<string, string>(values),
                "Written by Register-TraktSchedule -SaveSettings: the settings the scheduled runs read.\nRegister again with -SaveSettings to update it.");
            return true;
        }

        // Under -WhatIf the schedule's own what-if text still follows.
        return WhatIfRequested;
    }

    protected override void AddSettingOverrides(IDictionary<string, string?> overrides)
    {
        overrides[SettingNames.SyncCron] = SyncCron;
        overrides[SettingNames.ReconcileCron] = ReconcileCron;
        overrides[SettingNames.TimeZone] = TimeZone;
    }

    /// <summary>This module's manifest, next to its assembly: the scheduled pwsh imports it by path.</summary>
    private static string ModuleManifest
    {
        get
        {
            var assembly = typeof(RegisterTraktScheduleCommand).Assembly.Location;
            var manifest = Path.Combine(Path.GetDirectoryName(assembly)!, "TraktTracker.psd1");
            return File.Exists(manifest) ? manifest : assembly;
        }
    }

    private ScheduleLauncher Launcher(ScheduleEnvironment machine)
    {
        if (Runner == ScheduleRunner.Cli)
        {
            return ScheduleLauncher.Cli(ExecutablePathOr(() => machine.FindExecutable("trakt-tracker"),
                "The Cli runner needs the trakt-tracker command, which is not on PATH. Pass its full path with -ExecutablePath, or use -Runner Module."));
        }

        // The pwsh running this session first: it is known to load the module, and scheduler PATHs are short.
        var home = SessionState.PSVariable.GetValue("PSHOME") as string ?? "";
        var pwsh = machine.Platform == SchedulePlatform.Windows ? "pwsh.exe" : "pwsh";
        return ScheduleLauncher.Module(
            ExecutablePathOr(() => machine.FindExecutable(Path.Combine(home, pwsh)) ?? machine.FindExecutable("pwsh"),
                $"Scheduled runs of the module need pwsh (PowerShell 7.4 or later), which is neither in this session's $PSHOME ({home}) "
                + "nor on PATH. Pass its full path with -ExecutablePath, or use -Runner Cli."),
            ModuleManifest);
    }

    /// <summary>-ExecutablePath when given (it must exist), else what <paramref name="find"/> finds.</summary>
    private string ExecutablePathOr(Func<string?> find, string notFound)
    {
        if (ExecutablePath is null)
        {
            return find() ?? throw new ScheduleException(ScheduleErrorKind.BackendUnavailable, notFound);
        }

        var path = ResolvePath(ExecutablePath);
        return File.Exists(path)
            ? path
            : throw new ScheduleException(ScheduleErrorKind.BackendUnavailable, $"-ExecutablePath names no file: {path}. Pass the full path of the program the runs start.");
    }
}
