using TraktTracker.Config;
using TraktTracker.Tests.Stats;

namespace TraktTracker.Tests.Cli;

/// <summary>trakt-tracker --report as a real process, after a backfill from the simulator.</summary>
public sealed class CliReportTests
{
    [Fact]
    public async Task Report_writes_the_stored_history_without_calling_trakt_and_names_the_file()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 300, seed: 9);
        await bed.RunOkAsync("--once", "backfill");
        var calls = bed.Harness.Simulator.Requests.Total;
        var stored = bed.Harness.StoredPlays();
        var year = stored.Max(p => p.WatchedAt).Year;
        var path = Path.Combine(bed.Environment["HOME"], "reports", "history.html");
        // Reading the store needs no Trakt app.
        bed.Environment.Remove(SettingNames.TraktClientId);

        var result = await bed.RunOkAsync("--report", path, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains($"Report of {stored.Count} plays with {year} in review written to {path}", result.Stdout);
        var facts = new ReportText(await File.ReadAllTextAsync(path)).Facts("totals");
        Assert.Equal(stored.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), facts["Plays"]);
        Assert.Equal(calls, bed.Harness.Simulator.Requests.Total);
    }
}
