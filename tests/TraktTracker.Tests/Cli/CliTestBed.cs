using TraktTracker.Config;
using TraktTracker.State;
using TraktTracker.Trakt;
using TraktTracker.Tests.Sync;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Cli;

/// <summary>
/// The simulator and a connected state store (from <see cref="SyncHarness"/>), plus the environment that points a
/// trakt-tracker process at them and, when given a server, at two fresh databases of the real influxd (v1 API).
/// </summary>
internal sealed class CliTestBed : IAsyncDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("tt-cli-home-");
    private readonly InfluxDbServer? _influx;

    private CliTestBed(SyncHarness harness, InfluxDbServer? influx)
    {
        Harness = harness;
        _influx = influx;
    }

    public SyncHarness Harness { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string RawDb { get; private set; } = "";

    public string AggDb { get; private set; } = "";

    public static async Task<CliTestBed> StartAsync(int plays, int seed, InfluxDbServer? influx = null)
    {
        var harness = await SyncHarness.StartAsync();
        harness.Simulator.History.SeedRandom(plays, seed);
        var bed = new CliTestBed(harness, influx);
        var settings = harness.Settings;
        bed.Environment["HOME"] = bed._home.FullName;
        bed.Environment[SettingNames.TraktApiUrl] = settings.TraktApiUrl.ToString();
        bed.Environment[SettingNames.TraktAuthUrl] = settings.TraktAuthUrl.ToString();
        bed.Environment[SettingNames.TraktClientId] = settings.TraktClientId!;
        bed.Environment[SettingNames.TraktClientSecret] = settings.TraktClientSecret!;
        bed.Environment[SettingNames.TraktRetryAfterMargin] = "0";
        bed.Environment[SettingNames.StateDbPath] = harness.StateDbPath;
        bed.Environment[SettingNames.TimeZone] = settings.TimeZone.Id;
        if (influx is not null)
        {
            await bed.UseFreshInfluxDatabasesAsync();
        }

        return bed;
    }

    /// <summary>Points the CLI at two new, empty databases (<see cref="RawDb"/>, <see cref="AggDb"/>).</summary>
    public async Task UseFreshInfluxDatabasesAsync()
    {
        RawDb = await _influx!.CreateDatabaseAsync();
        AggDb = await _influx.CreateDatabaseAsync();
        Environment[SettingNames.EnableInflux] = "true";
        Environment[SettingNames.InfluxApi] = "v1";
        Environment[SettingNames.InfluxUrl] = _influx.Url.ToString();
        Environment[SettingNames.InfluxBucketRaw] = RawDb;
        Environment[SettingNames.InfluxBucketAgg] = AggDb;
    }

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Environment, args);

    public CliProcess Start(params string[] args) => CliProcess.Start(Environment, args);

    /// <summary>Runs and asserts exit code 0, showing the whole output when it is not.</summary>
    public async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertNoSecrets(result);
        return result;
    }

    public Task AssertStoreAndInfluxMatchSimulatorAsync()
    {
        Harness.AssertStoreMatchesSimulator();
        return ExpectedProjection.AssertMatchesAsync(_influx!, RawDb, AggDb, Harness.ExpectedPlays(), Harness.Settings.TimeZone);
    }

    public async Task<long> RawPointCountAsync()
        => (await _influx!.QueryAsync(RawDb, "SELECT count(history_id) FROM watch_event")).SingleOrDefault()?.Long("count") ?? 0;

    public StoredTokens? StoredTokens()
    {
        using var store = StateStore.Open(Harness.StateDbPath);
        return store.LoadTokens();
    }

    /// <summary>Neither the client secret nor any stored token may reach the output.</summary>
    public void AssertNoSecrets(CliResult result)
    {
        Assert.DoesNotContain(Harness.Settings.TraktClientSecret!, result.All, StringComparison.Ordinal);
        if (StoredTokens() is { } tokens)
        {
            Assert.DoesNotContain(tokens.AccessToken, result.All, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.RefreshToken, result.All, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        _home.Delete(recursive: true);
    }
}
