using System.Collections;
using System.Globalization;
using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.Tests.Sync;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>
/// The module imported in a hosted engine of its own, pointed at a Trakt simulator through a config.toml in a temp
/// folder (InfluxDB off). Every TraktTracker cmdlet gets -ConfigPath through $PSDefaultParameterValues, so the
/// scripts read as a user would type them. Retry-After is 1 s with no margin; nothing else is shortened.
/// </summary>
public sealed class ModuleBed : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tt-e2e-");

    private ModuleBed(TraktSimulator simulator)
    {
        Simulator = simulator;
        Session = NewSession();
    }

    public TraktSimulator Simulator { get; }

    /// <summary>The engine the tests' scripts run in.</summary>
    public PowerShellSession Session { get; }

    public string StateDbPath => Path.Combine(_dir.FullName, "state.db");

    public string ConfigPath => Path.Combine(_dir.FullName, "config.toml");

    public static async Task<ModuleBed> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { RetryAfterSeconds = 1 };
        configure?.Invoke(options);
        var simulator = await TraktSimulator.StartAsync(options);
        var bed = new ModuleBed(simulator);
        bed.WriteConfig(bed.StateDbPath, bed.ConfigPath);
        return bed;
    }

    /// <summary>A bed whose simulator holds <paramref name="plays"/> seeded plays and whose store is connected.</summary>
    public static async Task<ModuleBed> ConnectedAsync(int plays, int seed)
    {
        var bed = await StartAsync();
        bed.Simulator.History.SeedRandom(plays, seed);
        bed.Connect();
        return bed;
    }

    /// <summary>Runs a script in <see cref="Session"/>; <paramref name="parameters"/> bind to its param() block.</summary>
    public PowerShellResult Run(string script, IDictionary? parameters = null) => Session.Invoke(script, parameters);

    /// <summary>A second engine (another runspace, as another PowerShell window would have) on the same config.</summary>
    public PowerShellSession NewSession(string? configPath = null)
    {
        var session = PowerShellSession.ForBuiltModule();
        session.Invoke("param($Config) $global:PSDefaultParameterValues['*-Trakt*:ConfigPath'] = $Config",
            new Hashtable { ["Config"] = configPath ?? ConfigPath }).EnsureNoErrors();
        return session;
    }

    /// <summary>
    /// Writes a config.toml for this simulator and <paramref name="stateDbPath"/>; <paramref name="extra"/> adds
    /// TOML lines (e.g. a short LOCK_TIMEOUT_SECONDS).
    /// </summary>
    public string WriteConfig(string stateDbPath, string path, string extra = "")
    {
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            TRAKT_CLIENT_ID = "{Simulator.Options.ClientId}"
            TRAKT_CLIENT_SECRET = "{Simulator.Options.ClientSecret}"
            TRAKT_API_URL = "{Simulator.BaseUrl}"
            TRAKT_AUTH_URL = "{Simulator.BaseUrl}"
            TRAKT_RETRY_AFTER_MARGIN = "0"
            ENABLE_INFLUX = "false"
            TIMEZONE = "Europe/Berlin"
            STATE_DB_PATH = '{stateDbPath}'
            {extra}
            """));
        return path;
    }

    /// <summary>A path inside this bed's temp folder.</summary>
    public string PathOf(string name) => Path.Combine(_dir.FullName, name);

    /// <summary>Connect-Trakt -RefreshToken with a fresh simulator session; returns its result.</summary>
    public PowerShellResult Connect() => Run("param($Token) Connect-Trakt -RefreshToken $Token",
        new Hashtable { ["Token"] = Simulator.Auth.IssueTokens().RefreshToken }).EnsureNoErrors();

    /// <summary>What Get-TraktHistory must show for the simulator's history (mapping and rewatch oracle of the sync tests).</summary>
    public List<WatchEvent> ExpectedPlays() => ExpectedHistory.From(Simulator.History.Snapshot());

    /// <summary>The state file itself, for what no cmdlet shows (dead letters, tokens).</summary>
    public StateStore OpenStore() => StateStore.Open(StateDbPath);

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        await Simulator.DisposeAsync();
        _dir.Delete(recursive: true);
        Assert.Empty(Simulator.ServerErrors);
    }
}
