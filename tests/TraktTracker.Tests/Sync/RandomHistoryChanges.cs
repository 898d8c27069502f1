using TraktTracker.Simulator;

namespace TraktTracker.Tests.Sync;

/// <summary>
/// Seeded random edits of the simulator's history, of every kind Trakt allows: new plays at
/// the top, same-second season batches, back-dated plays (recent ones inside the reconcile window, old ones years
/// below it), unknown-date plays, rewatches of titles already watched (so rewatch flags flip) and hard deletes.
/// New titles get ids no seed uses. Every play ever added is kept in <see cref="Added"/>.
/// </summary>
internal sealed class RandomHistoryChanges
{
    private const long MovieIdBase = 90_000_000;
    private const long ShowIdBase = 95_000_000;
    private static readonly string[] Actions = ["scrobble", "checkin", "watch"];
    private static readonly string[] Titles = ["Plain", "Comma, \"quoted\"", "Back\\slash = equals", "Tab\tand ünïcode ☃", "Space at end "];

    private readonly SimulatedHistory _history;
    private readonly Random _random;
    private readonly Dictionary<long, SimPlay> _added = new();
    private DateTimeOffset _top;
    private long _nextMovieId = MovieIdBase;
    private long _nextShowId = ShowIdBase;

    /// <param name="top">Where new plays start; each one is watched a little later, never after "now".</param>
    public RandomHistoryChanges(SimulatedHistory history, Random random, DateTimeOffset top)
    {
        _history = history;
        _random = random;
        _top = top;
        Remember(history.Snapshot());
    }

    public enum Kind { NewPlay, Rewatch, SameSecondBatch, BackDated, UnknownDate, Delete }

    /// <summary>Every play the simulator ever held, deleted ones included, by history id.</summary>
    public IReadOnlyDictionary<long, SimPlay> Added => _added;

    /// <summary>One change of a random kind; returns what it did, for the test log.</summary>
    public string ApplyAny()
    {
        var roll = _random.Next(100);
        return Apply(roll switch
        {
            < 32 => Kind.NewPlay,
            < 42 => Kind.Rewatch,
            < 52 => Kind.SameSecondBatch,
            < 72 => Kind.BackDated,
            < 80 => Kind.UnknownDate,
            _ => Kind.Delete,
        });
    }

    public string Apply(Kind kind) => kind switch
    {
        Kind.NewPlay => Describe("new", Remember(_random.Next(3) == 0 ? AddNewMovie(NextTop()) : AddNewEpisode(NextTop()))),
        Kind.Rewatch => Describe("rewatch", Remember(AddAgain(PickExisting(), _random.Next(2) == 0 ? NextTop() : BackDate()))),
        Kind.SameSecondBatch => Describe("batch", Remember(AddSeasonBatch(_random.Next(2) == 0 ? NextTop() : BackDate()))),
        Kind.BackDated => Describe("back-dated", Remember(_random.Next(3) == 0 ? AddAgain(PickExisting(), BackDate()) : AddNewMovie(BackDate()))),
        Kind.UnknownDate => Describe("unknown-date", Remember(_random.Next(2) == 0 ? AddAgain(PickExisting(), DateTimeOffset.UnixEpoch) : AddNewEpisode(DateTimeOffset.UnixEpoch))),
        _ => Delete(),
    };

    private string Delete() => Delete(PickExisting());

    private string Delete(SimPlay victim)
    {
        _history.Remove(victim.Id);
        return Describe("delete", [victim]);
    }

    /// <summary>
    /// Count-neutral inside a sync's re-read window: one play watched at or after <paramref name="floor"/> deleted and
    /// a new one added at the top, so Trakt's total stays as it was.
    /// </summary>
    public string ApplyInWindowMix(DateTimeOffset floor)
    {
        var inside = _history.Snapshot().Where(p => p.WatchedAt >= floor).ToList();
        if (inside.Count == 0)
        {
            return Apply(Kind.NewPlay);
        }

        return $"{Delete(inside[_random.Next(inside.Count)])}; {Apply(Kind.NewPlay)}";
    }

    /// <summary>A change below <paramref name="floor"/> of one direction only: a back-dated or unknown-date add, or a delete.</summary>
    public string ApplyBelow(DateTimeOffset floor, bool add)
    {
        if (add)
        {
            return Apply(_random.Next(3) == 0 ? Kind.UnknownDate : Kind.BackDated);
        }

        var below = _history.Snapshot().Where(p => p.WatchedAt < floor).ToList();
        return Delete(below[_random.Next(below.Count)]);
    }

    /// <summary>A later moment than the previous new play, by minutes to hours, but never in the future.</summary>
    private DateTimeOffset NextTop()
    {
        var latest = DateTimeOffset.UtcNow.AddMinutes(-1);
        _top = _top.AddMinutes(1 + _random.Next(360));
        return _top = _top < latest ? _top : latest;
    }

    /// <summary>Half inside the reconcile window (2–6 days ago, below the sync overlap), half years back.</summary>
    private DateTimeOffset BackDate()
    {
        var now = DateTimeOffset.UtcNow;
        return _random.Next(2) == 0
            ? now.AddHours(-48 - _random.Next(96)).AddSeconds(-_random.Next(3600))
            : now.AddDays(-60 - _random.Next(3000)).AddSeconds(-_random.Next(86400));
    }

    private SimPlay PickExisting()
    {
        var plays = _history.Snapshot();
        // Half of the picks among the newest plays, where syncs and the rolling reconcile look.
        return _random.Next(2) == 0 ? plays[_random.Next(Math.Min(plays.Count, 40))] : plays[_random.Next(plays.Count)];
    }

    private SimPlay AddNewMovie(DateTimeOffset at)
    {
        var id = _nextMovieId++;
        var movie = new SimMovie($"{Titles[_random.Next(Titles.Length)]} {id}", 1950 + _random.Next(77),
            new SimIds(id, Imdb: _random.Next(4) == 0 ? null : $"tt{id}", Tmdb: _random.Next(4) == 0 ? null : id + 7),
            _random.Next(8) == 0 ? null : 70 + _random.Next(110));
        return _history.AddMovie(movie, at, Action());
    }

    private SimPlay AddNewEpisode(DateTimeOffset at)
    {
        var showId = _nextShowId++;
        var show = new SimShow($"Show {showId}", 1990 + _random.Next(36), new SimIds(showId));
        var season = 1 + _random.Next(5);
        var number = 1 + _random.Next(12);
        var episode = new SimEpisode(season, number, _random.Next(6) == 0 ? null : $"Episode {number}",
            new SimIds(showId * 1000 + season * 100 + number), _random.Next(8) == 0 ? null : 20 + _random.Next(50));
        return _history.AddEpisode(show, episode, at, Action());
    }

    private IReadOnlyList<SimPlay> AddSeasonBatch(DateTimeOffset at)
    {
        var showId = _nextShowId++;
        return _history.AddSeasonBatch(showId, $"Batch show {showId}", 2000 + _random.Next(26), 1 + _random.Next(4),
            3 + _random.Next(10), showId * 1000 + 1, at, runtime: 20 + _random.Next(40));
    }

    /// <summary>Another play of a title already in the history: its first watch may move, flipping rewatch flags.</summary>
    private SimPlay AddAgain(SimPlay existing, DateTimeOffset at) => existing.IsMovie
        ? _history.AddMovie(existing.Movie!, at, Action())
        : _history.AddEpisode(existing.Show!, existing.Episode!, at, Action());

    private string Action() => Actions[_random.Next(Actions.Length)];

    private IReadOnlyList<SimPlay> Remember(SimPlay play) => Remember([play]);

    private IReadOnlyList<SimPlay> Remember(IReadOnlyList<SimPlay> plays)
    {
        foreach (var play in plays)
        {
            _added[play.Id] = play;
        }

        return plays;
    }

    private static string Describe(string what, IReadOnlyList<SimPlay> plays)
        => $"{what}: {string.Join(", ", plays.Take(3).Select(p => $"{p.Id} {p.Type} {p.TraktId} at {p.WatchedAt:O}"))}{(plays.Count > 3 ? $" (+{plays.Count - 3})" : "")}";
}
