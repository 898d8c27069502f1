namespace TraktTracker.Commands;

/// <summary>Where Get-Help -Online sends users (every cmdlet's HelpUri).</summary>
internal static class ModuleLinks
{
    public const string HelpUri = "https://github.com/TraktTracker/TraktTracker#readme";
}
