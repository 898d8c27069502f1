namespace TraktTracker.Simulator;

/// <summary>
/// Builds the deterministic mix behind <see cref="SimulatedHistory.SeedRandom"/>. First it lays out time slots
/// over ten years, then walks them in time order handing out media, so show progress runs forward the way a
/// viewer's does; ids follow add order, which is time order except for back-dated and unknown-date adds.
/// </summary>
internal sealed class HistorySeeder(int seed, DateTimeOffset newest)
{
    private const int Years = 10;
    private readonly Random _random = new(seed);
    private readonly List<long> _watchedMovies = [];
    private readonly Dictionary<long, (int Season, int Number)> _showProgress = new();
    private readonly List<long> _showsStarted = [];
    private long _nextMovieId = SeedMedia.MovieIdBase;
    private long _nextShowId = SeedMedia.ShowIdBase;

    private enum SlotKind { Movie, Episode, SeasonBatch, UnknownDate }

    private sealed record Slot(DateTimeOffset At, SlotKind Kind, int Size, bool BackDated);

    public IReadOnlyList<PlayDraft> Generate(int count)
    {
        var slots = LayOutSlots(count).OrderBy(s => s.At).ToList();
        var chronological = new List<(PlayDraft Draft, bool AddedLate)>(count);
        foreach (var slot in slots)
        {
            foreach (var draft in Fill(slot)) chronological.Add((draft, slot.BackDated));
        }
        // Plays added late (imports, unknown dates) take the newest ids although their watched_at is old.
        return chronological.Where(p => !p.AddedLate).Concat(chronological.Where(p => p.AddedLate))
            .Select(p => p.Draft with { IdGap = 1 + _random.Next(40) })
            .ToList();
    }

    private IEnumerable<Slot> LayOutSlots(int count)
    {
        var remaining = count;
        var span = TimeSpan.FromDays(365.25 * Years).TotalSeconds;
        for (var index = 0; remaining > 0; index++)
        {
            var at = index == 0 ? newest : newest.AddSeconds(-Math.Floor(_random.NextDouble() * span));
            // Every history of some size gets at least one unknown-date play.
            var slot = index == 1 && count >= 20
                ? new Slot(TraktTime.UnknownDate, SlotKind.UnknownDate, 1, BackDated: true)
                : NextSlot(at, remaining);
            remaining -= slot.Size;
            yield return slot;
        }
    }

    private Slot NextSlot(DateTimeOffset at, int remaining)
    {
        var roll = _random.NextDouble();
        var backDated = _random.NextDouble() < 0.05;
        // Slot odds chosen so that plays come out ~30 % movies: a batch slot yields ~12 plays.
        if (roll < 0.01) return new Slot(TraktTime.UnknownDate, SlotKind.UnknownDate, 1, BackDated: true);
        if (roll < 0.38) return new Slot(at, SlotKind.Movie, 1, backDated);
        if (roll < 0.40 && remaining >= 5)
            return new Slot(at, SlotKind.SeasonBatch, Math.Min(remaining, _random.Next(5, 21)), backDated);
        return new Slot(at, SlotKind.Episode, 1, backDated);
    }

    private IEnumerable<PlayDraft> Fill(Slot slot) => slot.Kind switch
    {
        SlotKind.Movie => [PlayDraft.ForMovie(PickMovie(), slot.At, PickAction())],
        SlotKind.UnknownDate => [_random.Next(2) == 0
            ? PlayDraft.ForMovie(PickMovie(), slot.At, "watch")
            : EpisodeDraft(PickShow(), slot.At, "watch")],
        SlotKind.SeasonBatch => SeasonBatch(slot),
        _ => [EpisodeDraft(PickShow(), slot.At, PickAction())],
    };

    /// <summary>A run of consecutive episodes of one show, all at one second: "mark season watched".</summary>
    private IEnumerable<PlayDraft> SeasonBatch(Slot slot)
    {
        var show = NewShow();
        return Enumerable.Range(0, slot.Size).Select(_ => EpisodeDraft(show, slot.At, "watch")).ToList();
    }

    /// <summary>Mostly new movies; a quarter are rewatches, biased towards a few favourites.</summary>
    private SimMovie PickMovie()
    {
        if (_watchedMovies.Count > 0 && _random.NextDouble() < 0.25)
        {
            var favourites = Math.Min(_watchedMovies.Count, 12);
            var index = _random.NextDouble() < 0.5 ? _random.Next(favourites) : _random.Next(_watchedMovies.Count);
            return SeedMedia.Movie(_watchedMovies[index]);
        }
        _watchedMovies.Add(_nextMovieId);
        return SeedMedia.Movie(_nextMovieId++);
    }

    /// <summary>Keeps watching a show in progress most of the time, sometimes starts another.</summary>
    private long PickShow()
    {
        const int InProgress = 6;
        if (_showsStarted.Count == 0 || _random.NextDouble() < 0.1) return NewShow();
        var recent = Math.Min(_showsStarted.Count, InProgress);
        return _showsStarted[_showsStarted.Count - 1 - _random.Next(recent)];
    }

    private long NewShow()
    {
        _showProgress[_nextShowId] = (1, 0);
        _showsStarted.Add(_nextShowId);
        return _nextShowId++;
    }

    /// <summary>The show's next episode; after the finale it starts over from S1E1 (a show rewatch).</summary>
    private PlayDraft EpisodeDraft(long showId, DateTimeOffset at, string action)
    {
        var (season, number) = _showProgress[showId];
        number++;
        if (number > SeedMedia.EpisodesPerSeason(showId)) (season, number) = (season + 1, 1);
        if (season > SeedMedia.SeasonCount(showId)) (season, number) = (1, 1);
        _showProgress[showId] = (season, number);
        return PlayDraft.ForEpisode(SeedMedia.Show(showId), SeedMedia.Episode(showId, season, number), at, action);
    }

    private string PickAction()
    {
        var roll = _random.NextDouble();
        return roll < 0.5 ? "scrobble" : roll < 0.65 ? "checkin" : "watch";
    }
}
