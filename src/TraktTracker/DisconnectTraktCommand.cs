using System.Management.Automation;
using TraktTracker.Trakt;

namespace TraktTracker.Commands;

/// <summary>
/// Disconnect-Trakt: forgets the Trakt tokens of the state store, revoking them at Trakt first when it answers.
/// Plays and sync state stay; Connect-Trakt connects again. A store without tokens is left as it is.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Trakt", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(Disconnection))]
public sealed class DisconnectTraktCommand : TraktCmdlet
{
    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        if (!File.Exists(settings.StateDbPath))
        {
            WriteVerbose($"There is no state store at {settings.StateDbPath}: no tokens to forget.");
            return;
        }

        if (!ShouldProcess(settings.StateDbPath, "Revoke the Trakt tokens at Trakt and delete them from the state store"))
        {
            return;
        }

        using var runtime = OpenRuntime(settings, exclusive: true);
        if (RunEngine(runtime.DisconnectAsync) is not { } disconnection)
        {
            WriteVerbose($"The state store {settings.StateDbPath} holds no Trakt tokens: nothing to forget.");
            return;
        }

        if (!disconnection.RevokedAtTrakt)
        {
            WriteWarning($"The tokens were deleted here, but Trakt did not revoke them: {EngineErrors.FirstSentence(disconnection.RevokeFailure!)} "
                + "Revoke TraktTracker's access at https://trakt.tv/oauth/authorized_applications if the tokens may have leaked.");
        }

        WriteObject(disconnection);
    }
}
