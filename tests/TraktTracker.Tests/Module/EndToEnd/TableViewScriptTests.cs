using System.Text.RegularExpressions;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>What a user sees: objects sent to the host render through the module's table views.</summary>
public sealed partial class TableViewScriptTests
{
    [Fact]
    public async Task Summary_history_and_connection_render_as_their_tables()
    {
        await using var bed = await ModuleBed.StartAsync();
        bed.Simulator.History.AddMovie(42, "Heat", 1995, new DateTimeOffset(2024, 5, 1, 20, 15, 0, TimeSpan.Zero));

        var host = bed.Run("""
            param($Token)
            Connect-Trakt -RefreshToken $Token | Out-Host
            Invoke-TraktBackfill | Out-Host
            Get-TraktHistory | Out-Host
            """, new System.Collections.Hashtable { ["Token"] = bed.Simulator.Auth.IssueTokens().RefreshToken }).EnsureNoErrors().HostText;

        // Table headers carry $PSStyle colours; the text between them is what matters here.
        var lines = Ansi().Replace(host, "").Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => Words().Matches(l).Select(m => m.Value).SequenceEqual(["Username", "Slug", "IsVip", "TimeZone", "TokenExpiresAt", "ApiUrl"]));
        // The test host is 80 columns wide, like a small console: every column of the summary's table fits.
        Assert.Contains(lines, l => Words().Matches(l).Select(m => m.Value).SequenceEqual(
            ["Operation", "Fetched", "Inserted", "Duplicates", "Deleted", "ApiCalls", "Duration", "DaysPending"]));
        Assert.Contains(lines, l => BackfillRow().IsMatch(l));
        Assert.Contains(lines, l => Words().Matches(l).Select(m => m.Value).SequenceEqual(["WatchedAt", "Type", "Title", "ShowTitle", "Season", "Episode"]));
        Assert.Contains(lines, l => l == "2024-05-01 20:15Z Movie   Heat");
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(@"^Backfill\s+1\s+1\s+0\s+0\s+2\s+\d+\.\ds\s+\d+$")]
    private static partial Regex BackfillRow();
}
