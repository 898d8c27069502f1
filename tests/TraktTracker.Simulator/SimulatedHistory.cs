namespace TraktTracker.Simulator;

/// <summary>
/// The watch history the simulator serves. Thread-safe: writers take a lock, readers share an immutable
/// sorted view that is rebuilt lazily after changes. Every add or remove bumps the matching
/// <c>last_activities</c> timestamp to "now", as Trakt does.
/// </summary>
public sealed class SimulatedHistory
{
    /// <summary>First history id handed out: above 2^32, so 32-bit id handling breaks visibly.</summary>
    public const long FirstHistoryId = 5_000_000_000;

    private static readonly HashSet<string> Actions = ["scrobble", "checkin", "watch"];

    private readonly object _gate = new();
    private readonly Dictionary<long, StoredPlay> _plays = new();
    private readonly MediaCatalog _catalog = new();
    private readonly ActivityClock _clock;
    private HistoryView? _view;
    private Action<SimulatedHistory>? _afterActivitiesRead;
    private long _nextId = FirstHistoryId;
    private DateTimeOffset _moviesWatchedAt;
    private DateTimeOffset _episodesWatchedAt;

    internal SimulatedHistory(ActivityClock clock)
    {
        _clock = clock;
        // The history a simulator starts with (and what SeedRandom adds to it) last changed an hour ago.
        CreatedAt = TraktTime.TruncateToSeconds(clock.Next()).AddHours(-1);
        _moviesWatchedAt = CreatedAt;
        _episodesWatchedAt = CreatedAt;
    }

    /// <summary>An hour before the simulator started: the value of every <c>last_activities</c> key nothing has bumped.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary><c>last_activities.movies.watched_at</c>: the time of the last movie-play add or remove.</summary>
    public DateTimeOffset MoviesWatchedAt { get { lock (_gate) return _moviesWatchedAt; } }

    /// <summary><c>last_activities.episodes.watched_at</c>: the time of the last episode-play add or remove.</summary>
    public DateTimeOffset EpisodesWatchedAt { get { lock (_gate) return _episodesWatchedAt; } }

    public int Count { get { lock (_gate) return _plays.Count; } }

    /// <summary>
    /// Makes <paramref name="change"/> right after the next <c>/sync/last_activities</c> read, before its answer is
    /// sent: the race of a play added while a sync runs, in the second the sync read the activity times.
    /// </summary>
    public void AfterNextActivitiesRead(Action<SimulatedHistory> change) => Volatile.Write(ref _afterActivitiesRead, change);

    internal void ActivitiesRead() => Interlocked.Exchange(ref _afterActivitiesRead, null)?.Invoke(this);

    /// <summary>
    /// Waits until the second of the last change is over. Activity times are whole seconds, so a client that reads
    /// them in that second cannot keep them as its baseline; tests that count the calls of a later no-op sync let
    /// the run that stores the baseline start after this.
    /// </summary>
    public async Task WaitPastLastChangeAsync()
    {
        var wait = ActivityTimes() is var (movies, episodes) ? (movies > episodes ? movies : episodes).AddSeconds(1) - DateTimeOffset.UtcNow : default;
        if (wait > TimeSpan.Zero) await Task.Delay(wait + TimeSpan.FromMilliseconds(20));
    }

    public SimPlay AddMovie(long traktId, string title, int? year, DateTimeOffset watchedAt, string action = "watch",
        int? runtime = 120, string? slug = null, string? imdb = null, long? tmdb = null) =>
        AddMovie(new SimMovie(title, year, new SimIds(traktId, slug, imdb, tmdb), runtime), watchedAt, action);

    public SimPlay AddMovie(SimMovie movie, DateTimeOffset watchedAt, string action = "watch") =>
        AddRange([PlayDraft.ForMovie(movie, watchedAt, action)])[0];

    public SimPlay AddEpisode(long showTraktId, string showTitle, int? showYear, int season, int number,
        long episodeTraktId, string? episodeTitle, DateTimeOffset watchedAt, string action = "watch", int? runtime = 45,
        string? showSlug = null, string? showImdb = null, long? showTmdb = null, long? showTvdb = null,
        string? episodeImdb = null, long? episodeTmdb = null, long? episodeTvdb = null)
    {
        var show = new SimShow(showTitle, showYear, new SimIds(showTraktId, showSlug, showImdb, showTmdb, showTvdb));
        var episode = new SimEpisode(season, number, episodeTitle,
            new SimIds(episodeTraktId, null, episodeImdb, episodeTmdb, episodeTvdb), runtime, 0);
        return AddEpisode(show, episode, watchedAt, action);
    }

    public SimPlay AddEpisode(SimShow show, SimEpisode episode, DateTimeOffset watchedAt, string action = "watch") =>
        AddRange([PlayDraft.ForEpisode(show, episode, watchedAt, action)])[0];

    /// <summary>
    /// Marks <paramref name="episodeCount"/> consecutive episodes of one season watched in one action: every
    /// play gets the same <paramref name="watchedAt"/>, as when a user marks a season watched on the website.
    /// Episode trakt ids run from <paramref name="firstEpisodeTraktId"/>.
    /// </summary>
    public IReadOnlyList<SimPlay> AddSeasonBatch(long showTraktId, string showTitle, int? showYear, int season,
        int episodeCount, long firstEpisodeTraktId, DateTimeOffset watchedAt, string action = "watch",
        int? runtime = 45, int firstNumber = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodeCount);
        var show = new SimShow(showTitle, showYear, new SimIds(showTraktId));
        var drafts = Enumerable.Range(0, episodeCount).Select(i => PlayDraft.ForEpisode(show,
            new SimEpisode(season, firstNumber + i, $"Episode {firstNumber + i}", new SimIds(firstEpisodeTraktId + i), runtime, 0),
            watchedAt, action));
        return AddRange(drafts.ToList());
    }

    /// <summary>
    /// Adds <paramref name="count"/> plays of a realistic, deterministic mix (same seed, same plays and ids):
    /// ~30 % movies, rewatches, same-second season batches, a few unknown-date (epoch) plays, ten years of
    /// back-dated spread, awkward titles (quotes, commas, backslashes, '=', tabs, unicode) and null ids.
    /// The plays belong to the history the simulator started with: they move no <c>last_activities</c> time.
    /// </summary>
    public IReadOnlyList<SimPlay> SeedRandom(int count, int seed, DateTimeOffset? newest = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var drafts = new HistorySeeder(seed, newest ?? new DateTimeOffset(2026, 9, 20, 18, 0, 0, TimeSpan.Zero)).Generate(count);
        return AddRange(drafts, bumpActivities: false);
    }

    /// <summary>
    /// The play's title left Trakt's catalogue: the play stays, but its <c>movie</c> (or <c>episode</c> and
    /// <c>show</c>) comes back null, as Trakt's contract allows. Not a history change: no activity time moves.
    /// </summary>
    public SimPlay DropMedia(long historyId)
    {
        lock (_gate)
        {
            var play = _plays[historyId].Play with { MediaGone = true };
            _plays[historyId] = new StoredPlay(play);
            Volatile.Write(ref _view, null);
            return play;
        }
    }

    /// <summary>Makes media known without a play, so <c>POST /sync/history</c> can add it by ids alone.</summary>
    public SimMovie RegisterMovie(SimMovie movie)
    {
        lock (_gate) return _catalog.Remember(Normalize(movie));
    }

    public (SimShow Show, SimEpisode Episode) RegisterEpisode(SimShow show, SimEpisode episode)
    {
        lock (_gate) return _catalog.Remember(Normalize(show), Normalize(show, episode));
    }

    /// <summary>Hard-deletes one play, as <c>POST /sync/history/remove {"ids":[...]}</c> does.</summary>
    public bool Remove(long historyId) => RemoveIds([historyId]).Count == 1;

    public void Clear() => RemoveWhere(_ => true);

    /// <summary>The whole history, newest first (watched_at desc, then id desc).</summary>
    public IReadOnlyList<SimPlay> Snapshot() => View.All.Select(p => p.Play).ToList();

    internal HistoryView View
    {
        get
        {
            var view = Volatile.Read(ref _view);
            if (view is not null) return view;
            lock (_gate) return _view ??= new HistoryView(_plays.Values);
        }
    }

    internal MediaCatalog Catalog => _catalog;

    internal object Gate => _gate;

    internal IReadOnlyList<SimPlay> AddRange(IReadOnlyList<PlayDraft> drafts, bool bumpActivities = true)
    {
        var added = new List<SimPlay>(drafts.Count);
        lock (_gate)
        {
            foreach (var draft in drafts) added.Add(Insert(draft));
            if (bumpActivities) Changed(added);
            else Volatile.Write(ref _view, null);
        }
        return added;
    }

    /// <summary>Both activity times read together, so <c>all</c> is consistent with them.</summary>
    internal (DateTimeOffset Movies, DateTimeOffset Episodes) ActivityTimes()
    {
        lock (_gate) return (_moviesWatchedAt, _episodesWatchedAt);
    }

    internal IReadOnlyList<SimPlay> RemoveIds(IEnumerable<long> historyIds)
    {
        lock (_gate)
        {
            var removed = new List<SimPlay>();
            foreach (var id in historyIds)
            {
                if (_plays.Remove(id, out var stored)) removed.Add(stored.Play);
            }
            Changed(removed);
            return removed;
        }
    }

    internal IReadOnlyList<SimPlay> RemoveWhere(Func<SimPlay, bool> predicate)
    {
        lock (_gate)
        {
            var removed = _plays.Values.Select(p => p.Play).Where(predicate).ToList();
            foreach (var play in removed) _plays.Remove(play.Id);
            Changed(removed);
            return removed;
        }
    }

    private SimPlay Insert(PlayDraft draft)
    {
        if (!Actions.Contains(draft.Action))
            throw new ArgumentException($"Action '{draft.Action}' is not one Trakt uses; use scrobble, checkin or watch.", nameof(draft));
        _nextId += draft.IdGap;
        var watchedAt = TraktTime.TruncateToMilliseconds(draft.WatchedAt);
        SimPlay play;
        if (draft.Movie is { } movie)
        {
            play = new SimPlay(_nextId, watchedAt, draft.Action, SimPlay.MovieType, Movie: _catalog.Remember(Normalize(movie)));
        }
        else
        {
            var (show, episode) = _catalog.Remember(Normalize(draft.Show!), Normalize(draft.Show!, draft.Episode!));
            play = new SimPlay(_nextId, watchedAt, draft.Action, SimPlay.EpisodeType, Episode: episode, Show: show);
        }
        _plays.Add(play.Id, new StoredPlay(play));
        return play;
    }

    private void Changed(IReadOnlyCollection<SimPlay> plays)
    {
        if (plays.Count == 0) return;
        Volatile.Write(ref _view, null);
        if (plays.Any(p => p.IsMovie)) _moviesWatchedAt = _clock.Next();
        if (plays.Any(p => !p.IsMovie)) _episodesWatchedAt = _clock.Next();
    }

    private static SimMovie Normalize(SimMovie movie) =>
        movie.Ids.Slug is null ? movie with { Ids = movie.Ids with { Slug = Slugs.From(movie.Title, movie.Year) } } : movie;

    private static SimShow Normalize(SimShow show) =>
        show.Ids.Slug is null ? show with { Ids = show.Ids with { Slug = Slugs.From(show.Title, null) } } : show;

    /// <summary>Season trakt ids are not modelled separately; derive a stable one when none was given.</summary>
    private static SimEpisode Normalize(SimShow show, SimEpisode episode) =>
        episode.SeasonTraktId == 0 ? episode with { SeasonTraktId = show.Ids.Trakt * 1000 + episode.Season } : episode;
}
