using System.Collections;
using System.Management.Automation;
using TraktTracker.Sync;

namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>Get-TraktHistory in pipelines, as product.md §1 and §3 promise.</summary>
public sealed class HistoryScriptTests(BackfilledBed fixture) : IClassFixture<BackfilledBed>
{
    // The property order is the CSV column order: part of the contract (product.md §3).
    private static readonly string[] ContractOrder =
    [
        "HistoryId", "WatchedAt", "Type", "Title", "Year", "ShowTitle", "Season", "Episode", "RuntimeMinutes", "IsRewatch",
        "Action", "TraktId", "ShowTraktId", "Slug", "ImdbId", "TmdbId", "TvdbId",
    ];

    private ModuleBed Bed => fixture.Bed;

    private List<WatchEvent> Plays(string script, IDictionary? parameters = null)
        => Bed.Run(script, parameters).EnsureNoErrors().Objects.Cast<WatchEvent>().ToList();

    [Fact]
    public void Objects_are_flat_rows_in_contract_order_so_Export_Csv_writes_clean_columns()
    {
        // Export-Csv (Microsoft.PowerShell.Utility, absent from the hosted engine) writes one column per property
        // of the PSObject, named as here, holding the value's text: so every property must be a scalar.
        var rows = Bed.Run("Get-TraktHistory").EnsureNoErrors().Output;

        Assert.Equal(fixture.Expected.Count, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(ContractOrder, row.Properties.Select(p => p.Name));
            Assert.All(row.Properties, p => Assert.True(
                p.Value is null or string or long or int or bool or DateTimeOffset,
                $"{p.Name} is a {p.Value?.GetType().Name}, which a CSV cell cannot hold"));
        });
        var movie = rows.First(r => (string)r.Properties["Type"].Value == MediaType.Movie);
        Assert.All(["ShowTitle", "Season", "Episode", "ShowTraktId"], name => Assert.Null(movie.Properties[name].Value));
    }

    [Fact]
    public void Where_Object_filters_the_pipeline_and_IsRewatch_marks_every_play_after_the_first_of_its_title()
    {
        var movies = Plays("Get-TraktHistory | Where-Object Type -eq Movie");
        var rewatches = Plays("Get-TraktHistory | Where-Object { $_.IsRewatch }");

        Assert.Equal(fixture.Expected.Where(p => p.Type == MediaType.Movie), movies);
        Assert.Equal(fixture.Expected.Where(p => p.IsRewatch), rewatches);
        Assert.NotEmpty(rewatches);
    }

    [Fact]
    public void Type_After_Before_Title_and_First_select_newest_first()
    {
        var after = fixture.Expected[600].WatchedAt.UtcDateTime.AddSeconds(-0.5);
        var before = fixture.Expected[100].WatchedAt.UtcDateTime.AddSeconds(0.5);
        var window = new Hashtable { ["After"] = after, ["Before"] = before };

        Assert.Equal(fixture.Expected.Where(p => p.Type == MediaType.Episode), Plays("Get-TraktHistory -Type Episode"));
        Assert.Equal(fixture.Expected.Where(p => p.WatchedAt > after && p.WatchedAt < before),
            Plays("param($After, $Before) Get-TraktHistory -After $After -Before $Before", window));
        Assert.Equal(fixture.Expected.Where(p => Mentions(p, "the")), Plays("Get-TraktHistory '*THE*'"));
        Assert.Equal(fixture.Expected.Take(5), Plays("Get-TraktHistory -First 5"));
        Assert.Equal(fixture.Expected.Where(p => p.Type == MediaType.Movie && Mentions(p, "the")).Take(3),
            Plays("Get-TraktHistory -Type Movie -Title *the* -First 3"));
    }

    [Fact]
    public void Online_streams_the_api_history_without_touching_the_store()
    {
        var storeBefore = File.GetLastWriteTimeUtc(Bed.StateDbPath);

        var online = Plays("Get-TraktHistory -Online");
        var recentMovies = Plays("Get-TraktHistory -Online -Type Movie -First 7");

        // Trakt sends no rewatch flag and -Online sees only what it reads: every play is a first watch there.
        Assert.Equal(fixture.Expected.Select(p => p with { IsRewatch = false }).OrderBy(p => p.HistoryId), online.OrderBy(p => p.HistoryId));
        Assert.Equal(online.Select(p => p.WatchedAt).OrderDescending(), online.Select(p => p.WatchedAt));
        Assert.Equal(online.Where(p => p.Type == MediaType.Movie).Take(7), recentMovies);
        Assert.Equal(storeBefore, File.GetLastWriteTimeUtc(Bed.StateDbPath));
    }

    private static bool Mentions(WatchEvent play, string text)
        => play.Title.Contains(text, StringComparison.OrdinalIgnoreCase) || (play.ShowTitle?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}
