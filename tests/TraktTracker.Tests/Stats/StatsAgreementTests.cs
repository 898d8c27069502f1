using TraktTracker.State;
using TraktTracker.Stats;

namespace TraktTracker.Tests.Stats;

/// <summary>Every figure of Get-TraktStats (the engine behind it) equals an independent SQL recomputation.</summary>
public sealed class StatsAgreementTests(StatsHistory history) : IClassFixture<StatsHistory>
{
    public static TheoryData<StatsGrouping, int?> Groupings()
    {
        var data = new TheoryData<StatsGrouping, int?>();
        foreach (var by in Enum.GetValues<StatsGrouping>())
        {
            data.Add(by, null);
            data.Add(by, StatsHistory.ReviewYear);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Groupings))]
    public void Rows_equal_the_sql_recomputation(StatsGrouping by, int? year)
    {
        using var oracle = new StatsOracle(history.DbPath, year);

        var rows = Compute(year).Rows(by);

        Assert.NotEmpty(rows);
        Assert.Equal(oracle.Rows(by), rows);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(StatsHistory.ReviewYear)]
    public void Summary_equals_the_sql_recomputation(int? year)
    {
        using var oracle = new StatsOracle(history.DbPath, year);

        var summary = Compute(year).Summary();

        Assert.Equal(oracle.Summary("Europe/Berlin"), summary);
    }

    [Fact]
    public void Weekday_hour_plays_equal_the_sql_recomputation()
    {
        using var oracle = new StatsOracle(history.DbPath);
        var expected = oracle.WeekdayHour();

        var stats = Compute(null);

        for (var weekday = 0; weekday < 7; weekday++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                Assert.True(expected[weekday, hour] == stats.PlaysAt(weekday, hour), $"weekday {weekday}, hour {hour}");
            }
        }
    }

    /// <summary>The history really has the cases the comparisons are meant to cover.</summary>
    [Fact]
    public void The_history_holds_the_dst_unknown_date_delete_and_binge_cases()
    {
        var stats = Compute(null);
        var summary = stats.Summary();
        var hours = Compute(null, new HistoryFilter
        {
            After = new DateTimeOffset(2024, 10, 26, 23, 0, 0, TimeSpan.Zero),
            Before = new DateTimeOffset(2024, 10, 27, 2, 0, 0, TimeSpan.Zero),
        }).Rows(StatsGrouping.Hour);

        Assert.Equal(3, summary.UnknownDatePlays);
        Assert.Equal(WatchStats.UnknownDateGroup, stats.Rows(StatsGrouping.Month)[^1].Group);
        Assert.True(stats.Rows(StatsGrouping.Month)[^1].UnknownDate);
        // The spring sitting lost its fifth play to a delete (8 left) and ties the same-second batch: the earlier wins.
        Assert.Equal(8, summary.LongestBingePlays);
        Assert.Equal("Another Show", summary.LongestBingeShow);
        Assert.Equal(new DateTimeOffset(2024, 3, 30, 20, 0, 0, TimeSpan.Zero), summary.LongestBingeFirstPlay);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 1, 20, 0, TimeSpan.Zero), summary.LongestBingeLastPlay);
        // Both 02:30s of the autumn night: the same-second batch (CEST) and the movie (CET) share local hour 02.
        Assert.Equal(["02"], hours.Select(r => r.Group));
        Assert.Equal(9, hours[0].Plays);
        using var runtime = history.Open();
        Assert.Empty(runtime.Store.GetIdsInRange(null, null).Intersect(history.DeletedIds));
    }

    [Fact]
    public void Filters_limit_the_plays_counted()
    {
        var all = Compute(null).Rows(StatsGrouping.Type);

        var episodes = Compute(null, new HistoryFilter { Type = MediaType.Episode });

        Assert.Equal([all.Single(r => r.Type == MediaType.Episode)], episodes.Rows(StatsGrouping.Type));
        Assert.Equal(0, episodes.Summary().Movies);
    }

    private WatchStats Compute(int? year, HistoryFilter? filter = null)
    {
        using var runtime = history.Open();
        return runtime.ComputeStats(new StatsQuery { Filter = filter ?? new HistoryFilter(), Year = year });
    }
}
