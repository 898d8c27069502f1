using System.Collections;
using System.Management.Automation;

namespace TraktTracker.Tests.Module;

/// <summary>Engine failures reach PowerShell as ErrorRecords with stable ids, real categories and the engine's message.</summary>
public sealed class ErrorRecordTests(ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>, IDisposable
{
    private readonly ModuleTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Invalid_setting_is_TraktConfigurationInvalid_with_the_reference_message()
    {
        var config = _temp.Config("TIMEZONE = \"Mars/Olympus_Mons\"\n");

        var error = fixture.Session.Invoke("param($Config, $Db) Get-TraktHistory -ConfigPath $Config -StateDbPath $Db",
            new Hashtable { ["Config"] = config, ["Db"] = _temp.StateDb }).SingleError();

        Assert.Equal("TraktConfigurationInvalid,TraktTracker.Commands.GetTraktHistoryCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("Invalid IANA time zone for TIMEZONE: 'Mars/Olympus_Mons'.", error.Exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.StateDb), "a failed run must not create the state store");
    }

    [Theory]
    [InlineData("LOCK_TIMEOUT_SECONDS = \"99999999999999999999\"\n", null,
        "Invalid value for LOCK_TIMEOUT_SECONDS: '99999999999999999999'. Expected a number of seconds from 0 to 86400")]
    [InlineData("", "/proc/trakttracker/state.db", "Cannot use the state file /proc/trakttracker/state.db: its folder /proc/trakttracker cannot be")]
    public void A_number_out_of_range_or_an_unusable_state_path_is_TraktConfigurationInvalid(string toml, string? stateDb, string message)
    {
        var config = _temp.Config(toml);

        var error = fixture.Session.Invoke("param($Config, $Db) Invoke-TraktSync -ConfigPath $Config -StateDbPath $Db",
            new Hashtable { ["Config"] = config, ["Db"] = stateDb ?? _temp.StateDb }).SingleError();

        Assert.Equal("TraktConfigurationInvalid,TraktTracker.Commands.InvokeTraktSyncCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith(message, error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_file_names_the_path_and_stops_a_script_that_prefers_Stop()
    {
        var missing = Path.Combine(_temp.Path, "nowhere.toml");

        // A terminating error stops only its statement, unless the script says stop.
        var thrown = Assert.ThrowsAny<RuntimeException>(() => fixture.Session.Invoke(
            "param($Config) $ErrorActionPreference = 'Stop'; Invoke-TraktSync -ConfigPath $Config; 'not reached'", new Hashtable { ["Config"] = missing }));

        Assert.Equal("TraktConfigurationInvalid,TraktTracker.Commands.InvokeTraktSyncCommand", thrown.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains(missing, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_PowerShell_location_not_the_process_directory()
    {
        var result = fixture.Session.Invoke("param($Dir) $ExecutionContext.SessionState.Path.SetLocation($Dir) | Out-Null; Get-TraktHistory -ConfigPath ./missing.toml",
            new Hashtable { ["Dir"] = _temp.Path });

        Assert.Contains(Path.Combine(_temp.Path, "missing.toml"), result.SingleError().Exception.Message, StringComparison.Ordinal);
    }
}
