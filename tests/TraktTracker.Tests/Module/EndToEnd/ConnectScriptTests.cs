using System.Collections;
using System.Management.Automation;
using TraktTracker.Commands;
using TraktTracker.Trakt;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>Connect-Trakt's three ways in, what it shows, and what a dead session tells the user.</summary>
public sealed class ConnectScriptTests
{
    [Fact]
    public async Task Refresh_token_connect_shows_who_and_until_when_and_no_secret_anywhere()
    {
        await using var bed = await ModuleBed.StartAsync();
        var seeded = bed.Simulator.Auth.IssueTokens().RefreshToken;

        var result = bed.Run("param($Token) Connect-Trakt -RefreshToken $Token -Verbose", new Hashtable { ["Token"] = seeded }).EnsureNoErrors();

        var connection = (ConnectionInfo)result.Objects.Single();
        Assert.Equal(("sim-user", "Europe/Berlin", bed.Simulator.BaseUrl), (connection.Username, connection.TimeZone, connection.ApiUrl));
        Assert.InRange(connection.TokenExpiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));
        using var store = bed.OpenStore();
        var stored = store.LoadTokens()!;
        AssertNoSecret(result, seeded, stored.AccessToken, stored.RefreshToken, bed.Simulator.Options.ClientSecret);
    }

    [Fact]
    public async Task Device_flow_shows_the_url_and_code_through_the_host_and_connects_once_approved()
    {
        await using var bed = await ModuleBed.StartAsync(o => o.RetryAfterSeconds = 1);
        bed.Simulator.Auth.DeviceFlow.Interval = 1;
        bed.Simulator.Auth.DeviceFlow.PendingPolls = 1;

        var result = bed.Run("Connect-Trakt").EnsureNoErrors();

        Assert.Equal("sim-user", ((ConnectionInfo)result.Objects.Single()).Username);
        Assert.Contains("open https://trakt.tv/activate and enter the code 5055CC52 within 10 minutes", result.HostText, StringComparison.Ordinal);
        using var store = bed.OpenStore();
        Assert.NotNull(store.LoadTokens());
    }

    [Fact]
    public async Task Auth_code_connect_stores_tokens_that_a_backfill_then_uses()
    {
        await using var bed = await ModuleBed.StartAsync();
        bed.Simulator.History.SeedRandom(50, seed: 4);

        var result = bed.Run("param($Code) Connect-Trakt -AuthCode $Code; Invoke-TraktBackfill",
            new Hashtable { ["Code"] = bed.Simulator.Auth.CreateAuthorizationCode() }).EnsureNoErrors();

        Assert.IsType<ConnectionInfo>(result.Objects[0]);
        Assert.Equal(50, ((TraktTracker.Sync.SyncSummary)result.Objects[1]).Inserted);
    }

    [Fact]
    public async Task A_refresh_token_used_elsewhere_fails_the_sync_with_advice_to_connect_again()
    {
        await using var bed = await ModuleBed.StartAsync();
        bed.Connect();
        // Another installation redeems the same single-use refresh token first (a copied state file, say).
        string stolen;
        using (var store = bed.OpenStore())
        {
            stolen = store.LoadTokens()!.RefreshToken;
        }

        var otherConfig = bed.WriteConfig(bed.PathOf("other.db"), bed.PathOf("other.toml"));
        bed.Run("param($Token, $Config) Connect-Trakt -RefreshToken $Token -ConfigPath $Config",
            new Hashtable { ["Token"] = stolen, ["Config"] = otherConfig }).EnsureNoErrors();
        bed.Simulator.Auth.ExpireAccessTokens();

        var error = bed.Run("Invoke-TraktSync").SingleError();

        Assert.Equal($"{ErrorIds.AuthenticationFailed},{typeof(InvokeTraktSyncCommand).FullName}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("run Connect-Trakt again", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(stolen, PowerShellResult.Describe(error), StringComparison.Ordinal);
    }

    private static void AssertNoSecret(PowerShellResult result, params string[] secrets)
    {
        var everything = string.Join("\n", result.Output.SelectMany(o => o.Properties.Select(p => $"{p.Name}={p.Value}"))
            .Concat(result.Verbose).Concat(result.Warnings).Concat(result.Information.Select(i => i.MessageData?.ToString() ?? ""))
            .Append(result.HostText));
        Assert.NotEmpty(result.Verbose);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
