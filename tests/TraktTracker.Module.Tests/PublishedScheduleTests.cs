using System.Collections;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Module.Tests;

/// <summary>Register-TraktSchedule from the published folder schedules runs that import that folder's manifest.</summary>
public sealed class PublishedScheduleTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("tt-schedule-").FullName;
    private readonly PowerShellSession _session = new(PublishedModule.Manifest);

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public void WhatIf_shows_a_cron_entry_whose_pwsh_imports_the_published_manifest_and_changes_nothing()
    {
        var config = Path.Combine(_temp, "config.toml");
        File.WriteAllText(config, "TIMEZONE = \"UTC\"\nTRAKT_CLIENT_ID = \"app\"\nTRAKT_CLIENT_SECRET = \"secret\"\n");
        var before = Crontab();

        var result = _session.Invoke(
            "param($Config, $Db) Register-TraktSchedule -Backend Cron -ExecutablePath /bin/sh -ConfigPath $Config -StateDbPath $Db -WhatIf",
            new Hashtable { ["Config"] = config, ["Db"] = Path.Combine(_temp, "state.db") }).EnsureNoErrors();

        // The -Command script is single-quoted in the crontab line, so its own quotes appear as '\''.
        Assert.Contains($"/bin/sh -NoProfile -NonInteractive -Command '$PSStyle.OutputRendering = '\\''PlainText'\\''; Import-Module '\\''{PublishedModule.Manifest}'\\''; Invoke-TraktSync -ConfigPath", result.HostText);
        Assert.Equal(before, Crontab());
    }

    private static string Crontab()
    {
        var start = new System.Diagnostics.ProcessStartInfo("crontab", "-l") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
