using System.Globalization;
using System.Management.Automation;
using TraktTracker.Trakt;

namespace TraktTracker.Commands;

/// <summary>
/// Connect-Trakt: authorises TraktTracker once and stores the tokens in the state store. The device flow is the
/// default; -AuthCode exchanges a code from the browser flow; -RefreshToken seeds a token obtained elsewhere.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Trakt", DefaultParameterSetName = DeviceFlowSet, SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(ConnectionInfo))]
public sealed class ConnectTraktCommand : TraktCmdlet
{
    private const string DeviceFlowSet = "DeviceFlow";
    private const string AuthCodeSet = "AuthCode";
    private const string RefreshTokenSet = "RefreshToken";

    /// <summary>An authorization code from Trakt's browser flow (single use).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AuthCodeSet)]
    [ValidateNotNullOrEmpty]
    public string AuthCode { get; set; } = "";

    /// <summary>A refresh token obtained elsewhere (single use: it is exchanged for a new pair at once).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [ValidateNotNullOrEmpty]
    public string RefreshToken { get; set; } = "";

    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        var how = ParameterSetName switch
        {
            AuthCodeSet => "an authorization code",
            RefreshTokenSet => "a refresh token",
            _ => "the device flow",
        };
        // Asked before anything exists or is sent: the store, its folder and the single-use code or token stay untouched.
        if (!ShouldProcess(settings.StateDbPath, $"Connect to Trakt through {how} and store the tokens"))
        {
            return;
        }

        using var runtime = OpenRuntime(settings, exclusive: true);
        var connection = ParameterSetName switch
        {
            AuthCodeSet => RunEngine(ct => runtime.ConnectWithAuthCodeAsync(AuthCode, ct)),
            RefreshTokenSet => RunEngine(ct => runtime.ConnectWithRefreshTokenAsync(RefreshToken, ct)),
            _ => RunEngine(ct => runtime.ConnectWithDeviceFlowAsync(prompt => Reporter.Post(() => ShowCode(prompt)), ct)),
        };
        WriteObject(connection);
    }

    // Through the host like Write-Host, so the user sees it whatever $InformationPreference says.
    private void ShowCode(DeviceCodePrompt prompt)
    {
        var minutes = Math.Max(1, (int)Math.Round(prompt.ExpiresIn.TotalMinutes));
        var text = string.Format(CultureInfo.InvariantCulture,
            "To connect TraktTracker, open {0} and enter the code {1} within {2} minutes. Waiting for approval...",
            prompt.VerificationUrl, prompt.UserCode, minutes);
        WriteInformation(new HostInformationMessage { Message = text }, ["PSHOST"]);
    }
}
