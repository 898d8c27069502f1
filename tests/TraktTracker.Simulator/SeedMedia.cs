namespace TraktTracker.Simulator;

/// <summary>
/// Seeded media, derived from the trakt id alone: the same id always names the same title, so histories
/// seeded with different seeds in one simulator never disagree about a movie or show.
/// </summary>
internal static class SeedMedia
{
    public const long MovieIdBase = 10_000_000;
    public const long ShowIdBase = 20_000_000;

    /// <summary>Titles that break naive CSV, JSON, line-protocol and shell handling.</summary>
    private static readonly string[] AwkwardTitles =
    [
        "He Said \"Hello\"", "Crouching Tiger, Hidden Dragon", @"C:\Movies\Backslash", @"Ends With Backslash \",
        "E=mc² = Energy", "Spaces   Inside", "Tab\tSeparated", "ünïcødé ✓ 日本", "Amélie", "Léon: The Professional",
        "It's \"Quoted\", Comma=Equals", "#Hashtag & Ampersand", "Ends With Space ", "Señor Niño", "Ωmega 🎬",
    ];

    private static readonly string[] Adjectives =
        ["Silent", "Broken", "Golden", "Last", "Hidden", "Crimson", "Endless", "Lost", "Wild", "Northern", "Electric", "Quiet"];

    private static readonly string[] Nouns =
        ["River", "Empire", "Garden", "Signal", "Harbor", "Machine", "Summer", "Witness", "Frontier", "Kingdom", "Echo", "Orbit"];

    public static SimMovie Movie(long traktId)
    {
        var h = Hash(traktId);
        var year = 1960 + (int)(h % 66);
        return new SimMovie(Title(h, "Movie"), year,
            new SimIds(traktId, null,
                Imdb: h % 7 == 0 ? null : $"tt{1_000_000 + h % 8_000_000}",
                Tmdb: h % 11 == 0 ? null : (long)(h % 900_000) + 1),
            Runtime: h % 53 == 0 ? null : 80 + (int)(h % 100));
    }

    public static SimShow Show(long traktId)
    {
        var h = Hash(traktId);
        return new SimShow(Title(h, "Show"), 1990 + (int)(h % 36),
            new SimIds(traktId, null,
                Imdb: h % 9 == 0 ? null : $"tt{2_000_000 + h % 7_000_000}",
                Tmdb: (long)(h % 200_000) + 1,
                Tvdb: h % 13 == 0 ? null : (long)(h % 400_000) + 70_000));
    }

    /// <summary>Episodes per season of a show (8–22), so a show's progress can run through its seasons.</summary>
    public static int EpisodesPerSeason(long showTraktId) => 8 + (int)(Hash(showTraktId) % 15);

    public static int SeasonCount(long showTraktId) => 1 + (int)(Hash(showTraktId) / 7 % 8);

    public static SimEpisode Episode(long showTraktId, int season, int number)
    {
        var episodeId = showTraktId * 1000 + season * 40 + number;
        var h = Hash(episodeId);
        return new SimEpisode(season, number, h % 19 == 0 ? null : Title(h, "Episode"),
            new SimIds(episodeId, null,
                Imdb: h % 5 == 0 ? null : $"tt{3_000_000 + h % 6_000_000}",
                Tmdb: h % 6 == 0 ? null : (long)(h % 5_000_000) + 1,
                Tvdb: h % 8 == 0 ? null : (long)(h % 9_000_000) + 1),
            Runtime: 20 + (int)(h % 41));
    }

    private static string Title(ulong h, string kind)
    {
        if (h % 9 == 0) return AwkwardTitles[(int)(h / 9 % (ulong)AwkwardTitles.Length)];
        var adjective = Adjectives[(int)(h / 3 % (ulong)Adjectives.Length)];
        var noun = Nouns[(int)(h / 37 % (ulong)Nouns.Length)];
        return kind == "Episode" ? $"The {noun}" : $"{adjective} {noun} {h % 97}";
    }

    /// <summary>SplitMix64: a stable, well-mixed hash (string.GetHashCode is randomized per process).</summary>
    private static ulong Hash(long value)
    {
        var z = unchecked((ulong)value + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
