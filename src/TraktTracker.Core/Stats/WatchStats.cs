using System.Globalization;
using TraktTracker.Influx;

namespace TraktTracker.Stats;

/// <summary>
/// The figures of a history in one pass over its plays: every grouping of Get-TraktStats, the summary and the
/// weekday × hour matrix of the report, so the cmdlet, the command line and the report show one set of numbers.
/// Days, weeks, weekdays and hours are those of <see cref="ProjectionCalendar"/> (TIMEZONE, DST-correct), the
/// calendar of the InfluxDB daily aggregates.
/// </summary>
public sealed class WatchStats
{
    /// <summary>The group of unknown-date plays (Trakt's epoch) in the period groupings.</summary>
    public const string UnknownDateGroup = "unknown date";

    /// <summary>The longest pause between two plays of one sitting (see <see cref="StatsSummary.LongestBingePlays"/>).</summary>
    public static readonly TimeSpan SittingGap = TimeSpan.FromHours(3);

    private static readonly StatsGrouping[] Periods =
        [StatsGrouping.Year, StatsGrouping.Month, StatsGrouping.Week, StatsGrouping.Day, StatsGrouping.Weekday, StatsGrouping.Hour];

    private readonly ProjectionCalendar calendar;
    private readonly int? year;
    private readonly Dictionary<StatsGrouping, Dictionary<int, GroupTally>> periods = Periods.ToDictionary(p => p, _ => new Dictionary<int, GroupTally>());
    private readonly Dictionary<string, int> titleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, GroupTally> titles = [];
    private readonly Dictionary<string, GroupTally> shows = new(StringComparer.Ordinal);
    private readonly GroupTally movies = new();
    private readonly GroupTally episodes = new();
    private readonly GroupTally unknownDate = new();
    private readonly GroupTally all = new(countsTitles: false);
    private readonly Dictionary<StatsGrouping, IReadOnlyList<StatsRow>> rows = [];
    private StatsSummary? summary;
    private readonly int[,] weekdayHour = new int[7, 24];
    private Sitting? sitting;
    private Sitting? longestSitting;

    private WatchStats(ProjectionCalendar calendar, int? year)
    {
        this.calendar = calendar;
        this.year = year;
    }

    /// <summary>Figures of <paramref name="plays"/>, given newest first (as the store streams them).</summary>
    public static WatchStats Compute(IEnumerable<WatchEvent> plays, ProjectionCalendar calendar, int? year = null)
        => ComputeEach(plays, calendar, year)[0];

    /// <summary>
    /// One <see cref="WatchStats"/> per entry of <paramref name="years"/> (null: every play) from a single pass over
    /// <paramref name="plays"/>, newest first.
    /// </summary>
    public static IReadOnlyList<WatchStats> ComputeEach(IEnumerable<WatchEvent> plays, ProjectionCalendar calendar, params int?[] years)
    {
        var stats = years.Select(y => new WatchStats(calendar, y)).ToList();
        DateTimeOffset? previous = null;
        foreach (var play in plays)
        {
            if (previous is { } p && (play.WatchedAt > p))
            {
                throw new ArgumentException("Plays must come newest first.", nameof(plays));
            }

            previous = play.WatchedAt;
            var local = calendar.LocalTime(play.WatchedAt);
            foreach (var s in stats)
            {
                s.Add(play, local);
            }
        }

        return stats;
    }

    /// <summary>The local calendar of the figures (TIMEZONE).</summary>
    public ProjectionCalendar Calendar => calendar;

    public string TimeZone => calendar.TimeZone.Id;

    /// <summary>Plays in the local weekday (0 = Monday … 6 = Sunday) and hour (0 … 23).</summary>
    public int PlaysAt(int weekday, int hour) => weekdayHour[weekday, hour];

    /// <summary>The rows of one grouping: periods in time order (the unknown-date row last), weekdays from Monday,
    /// shows and titles by plays (then minutes, then name), types movies first. Groups without plays have no row.</summary>
    public IReadOnlyList<StatsRow> Rows(StatsGrouping by)
    {
        if (!rows.TryGetValue(by, out var grouped))
        {
            rows.Add(by, grouped = BuildRows(by));
        }

        return grouped;
    }

    /// <summary>The totals; see <see cref="StatsSummary"/> for the streak, busiest-day and binge rules.</summary>
    public StatsSummary Summary() => summary ??= BuildSummary();

    private List<StatsRow> BuildRows(StatsGrouping by)
    {
        if (periods.TryGetValue(by, out var byPeriod))
        {
            var periodRows = byPeriod.OrderBy(g => g.Key).Select(g => g.Value.ToRow(by, PeriodLabel(by, g.Key))).ToList();
            if (unknownDate.Plays > 0)
            {
                periodRows.Add(unknownDate.ToRow(by, UnknownDateGroup, unknownDate: true));
            }

            return periodRows;
        }

        return by switch
        {
            StatsGrouping.Show => ByPlays(shows.Values).Select(t => t.ToRow(by, t.Label, MediaType.Episode)).ToList(),
            StatsGrouping.Title => ByPlays(titles.Values).Select(t => t.ToRow(by, t.Label, t.Movies > 0 ? MediaType.Movie : MediaType.Episode)).ToList(),
            _ => new[] { (movies, MediaType.Movie), (episodes, MediaType.Episode) }
                .Where(t => t.Item1.Plays > 0)
                .Select(t => t.Item1.ToRow(by, t.Item2.ToString(), t.Item2))
                .ToList(),
        };
    }

    private StatsSummary BuildSummary()
    {
        var days = periods[StatsGrouping.Day];
        var (streak, streakFirst) = LongestStreak(days.Keys);
        var busiest = days.OrderByDescending(d => d.Value.Plays).ThenBy(d => d.Key).Select(d => (int?)d.Key).FirstOrDefault();
        return new StatsSummary
        {
            Plays = all.Plays,
            Movies = all.Movies,
            Episodes = all.Plays - all.Movies,
            Minutes = all.Minutes,
            DistinctMovies = titles.Values.Count(t => t.Movies > 0),
            DistinctShows = shows.Count,
            DistinctEpisodes = titles.Values.Count(t => t.Movies == 0),
            FirstWatches = all.Plays - all.Rewatches,
            Rewatches = all.Rewatches,
            UnknownDatePlays = unknownDate.Plays,
            FirstPlay = all.FirstPlay,
            LastPlay = all.LastPlay,
            DaysWatched = days.Count,
            LongestStreakDays = streak,
            LongestStreakFirstDay = streak > 0 ? DayLabel(streakFirst) : null,
            LongestStreakLastDay = streak > 0 ? DayLabel(streakFirst + streak - 1) : null,
            BusiestDay = busiest is { } b ? DayLabel(b) : null,
            BusiestDayPlays = busiest is { } d ? days[d].Plays : 0,
            LongestBingePlays = longestSitting?.Plays ?? 0,
            LongestBingeShow = longestSitting?.Show,
            LongestBingeFirstPlay = longestSitting?.First,
            LongestBingeLastPlay = longestSitting?.Last,
            TimeZone = TimeZone,
            Year = year,
        };
    }

    private void Add(WatchEvent play, DateTime? local)
    {
        if (year is { } only && local?.Year != only)
        {
            return;
        }

        var titleId = TitleId(play);
        all.Add(play, titleId);
        Tally(titles, titleId, play, titleId, TitleLabel, countsTitles: false);
        (play.Type == MediaType.Movie ? movies : episodes).Add(play, titleId);
        if (play.Type == MediaType.Episode)
        {
            Tally(shows, ShowKey(play), play, titleId, p => p.ShowTitle ?? "");
        }

        if (local is not { } at)
        {
            unknownDate.Add(play, titleId);
            return;
        }

        var (isoYear, week) = (ISOWeek.GetYear(at), ISOWeek.GetWeekOfYear(at));
        var weekday = ((int)at.DayOfWeek + 6) % 7;
        Tally(periods[StatsGrouping.Year], at.Year, play, titleId);
        Tally(periods[StatsGrouping.Month], at.Year * 100 + at.Month, play, titleId);
        Tally(periods[StatsGrouping.Week], isoYear * 100 + week, play, titleId);
        Tally(periods[StatsGrouping.Day], DateOnly.FromDateTime(at).DayNumber, play, titleId);
        Tally(periods[StatsGrouping.Weekday], weekday, play, titleId);
        Tally(periods[StatsGrouping.Hour], at.Hour, play, titleId);
        weekdayHour[weekday, at.Hour]++;
        TrackSitting(play);
    }

    /// <summary>Plays arrive newest first, so a sitting grows backwards in time; the earliest longest one wins a tie.</summary>
    private void TrackSitting(WatchEvent play)
    {
        var show = play.Type == MediaType.Episode ? ShowKey(play) : null;
        if (show is not null && sitting is { } current && current.ShowKey == show && current.First - play.WatchedAt <= SittingGap)
        {
            current.Extend(play.WatchedAt);
        }
        else
        {
            sitting = show is null ? null : new Sitting(show, play.ShowTitle ?? "", play.WatchedAt);
        }

        if (sitting is { } s && (longestSitting is null || s.Plays >= longestSitting.Plays))
        {
            longestSitting = s;
        }
    }

    private int TitleId(WatchEvent play)
    {
        var key = play.TitleKey();
        if (!titleIds.TryGetValue(key, out var id))
        {
            id = titleIds.Count;
            titleIds.Add(key, id);
        }

        return id;
    }

    private static void Tally<TKey>(Dictionary<TKey, GroupTally> groups, TKey key, WatchEvent play, int titleId, Func<WatchEvent, string>? label = null,
        bool countsTitles = true)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var tally))
        {
            // Newest play first: a renamed show or movie is shown by its latest name.
            groups.Add(key, tally = new GroupTally(countsTitles) { Label = label?.Invoke(play) ?? "" });
        }

        tally.Add(play, titleId);
    }

    private static IEnumerable<GroupTally> ByPlays(IEnumerable<GroupTally> groups)
        => groups.OrderByDescending(g => g.Plays).ThenByDescending(g => g.Minutes).ThenBy(g => g.Label, StringComparer.Ordinal);

    /// <summary>Shows by Trakt id; an episode without one (never seen from Trakt, but the store allows it) by its show title.</summary>
    private static string ShowKey(WatchEvent play)
        => play.ShowTraktId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "title:" + play.ShowTitle;

    private static string TitleLabel(WatchEvent play)
    {
        if (play.Type == MediaType.Movie)
        {
            return play.Year is { } released ? $"{play.Title} ({released})" : play.Title;
        }

        var number = play.Season is { } season && play.Episode is { } episode
            ? FormattableString.Invariant($" S{season:D2}E{episode:D2}")
            : "";
        return string.IsNullOrEmpty(play.Title) ? $"{play.ShowTitle}{number}" : $"{play.ShowTitle}{number} {play.Title}";
    }

    private static (int Days, int FirstDay) LongestStreak(IEnumerable<int> dayNumbers)
    {
        var (best, bestFirst, run, runFirst, previous) = (0, 0, 0, 0, int.MinValue);
        foreach (var day in dayNumbers.Order())
        {
            (run, runFirst) = day == previous + 1 ? (run + 1, runFirst) : (1, day);
            if (run > best)
            {
                (best, bestFirst) = (run, runFirst);
            }

            previous = day;
        }

        return (best, bestFirst);
    }

    private static string PeriodLabel(StatsGrouping by, int key) => by switch
    {
        StatsGrouping.Year => key.ToString("D4", CultureInfo.InvariantCulture),
        StatsGrouping.Month => FormattableString.Invariant($"{key / 100:D4}-{key % 100:D2}"),
        StatsGrouping.Week => FormattableString.Invariant($"{key / 100:D4}-W{key % 100:D2}"),
        StatsGrouping.Day => DayLabel(key),
        StatsGrouping.Weekday => ((DayOfWeek)((key + 1) % 7)).ToString(),
        _ => key.ToString("D2", CultureInfo.InvariantCulture),
    };

    private static string DayLabel(int dayNumber) => DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Sitting(string showKey, string show, DateTimeOffset at)
    {
        public string ShowKey { get; } = showKey;

        public string Show { get; } = show;

        public DateTimeOffset First { get; private set; } = at;

        public DateTimeOffset Last { get; } = at;

        public int Plays { get; private set; } = 1;

        public void Extend(DateTimeOffset earlier)
        {
            First = earlier;
            Plays++;
        }
    }
}
