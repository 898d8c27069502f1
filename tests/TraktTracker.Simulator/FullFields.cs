using System.Text.Json;

namespace TraktTracker.Simulator;

/// <summary>
/// The <c>extended=full</c> extras. Values are derived from the trakt id so that the
/// same item always renders identically.
/// </summary>
internal static class FullFields
{
    public static void WriteMovie(Utf8JsonWriter writer, SimMovie movie)
    {
        var seed = movie.Ids.Trakt;
        writer.WriteString("tagline", $"The story of {movie.Title}.");
        writer.WriteString("overview", $"Overview of {movie.Title}.");
        writer.WriteString("released", $"{movie.Year ?? 2000:D4}-{1 + seed % 12:D2}-{1 + seed % 28:D2}");
        PlayJson.WriteNullableNumber(writer, "runtime", movie.Runtime);
        writer.WriteString("country", "us");
        writer.WriteString("status", "released");
        WriteCommunity(writer, seed);
        writer.WriteNull("trailer");
        writer.WriteNull("homepage");
        writer.WriteString("language", "en");
        WriteStrings(writer, "languages", "en");
        WriteStrings(writer, "available_translations", "en", "de");
        WriteStrings(writer, "genres", seed % 2 == 0 ? "drama" : "comedy");
        writer.WriteString("certification", "PG-13");
    }

    public static void WriteEpisode(Utf8JsonWriter writer, SimEpisode episode)
    {
        var seed = episode.Ids.Trakt;
        PlayJson.WriteNullableNumber(writer, "runtime", episode.Runtime);
        writer.WriteString("overview", $"Season {episode.Season}, episode {episode.Number}.");
        writer.WriteString("first_aired", TraktTime.Format(new DateTimeOffset(2010, 1, 1, 1, 30, 0, TimeSpan.Zero).AddDays(seed % 5000)));
        writer.WriteString("episode_type", episode.Number == 1 ? "season_premiere" : "standard");
        writer.WriteNull("number_abs");
        writer.WriteNull("original_title");
        writer.WriteBoolean("after_credits", false);
        writer.WriteBoolean("during_credits", false);
        WriteCommunity(writer, seed);
        WriteStrings(writer, "available_translations", "en");
    }

    public static void WriteShow(Utf8JsonWriter writer, SimShow show)
    {
        var seed = show.Ids.Trakt;
        writer.WriteString("overview", $"Overview of {show.Title}.");
        writer.WriteString("first_aired", TraktTime.Format(new DateTimeOffset(show.Year ?? 2000, 9, 1, 1, 0, 0, TimeSpan.Zero)));
        writer.WriteNumber("runtime", 45);
        writer.WriteString("network", "HBO");
        writer.WriteString("country", "us");
        writer.WriteString("status", seed % 3 == 0 ? "ended" : "returning series");
        WriteCommunity(writer, seed);
        writer.WriteString("language", "en");
        WriteStrings(writer, "genres", "drama");
        writer.WriteNumber("aired_episodes", 10 + seed % 90);
    }

    private static void WriteCommunity(Utf8JsonWriter writer, long seed)
    {
        writer.WriteNumber("rating", 5 + seed % 50 / 10.0);
        writer.WriteNumber("votes", 100 + seed % 10_000);
        writer.WriteNumber("comment_count", seed % 40);
        writer.WriteString("updated_at", "2026-09-01T12:00:00.000Z");
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, params string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
