using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TraktTracker.Simulator;

/// <summary>
/// Renders history items in Trakt's shape: minimal objects carry title, year and ids;
/// <c>extended=full</c> adds runtime, overview and the other full-only fields. There is no rewatch field.
/// </summary>
internal static class PlayJson
{
    /// <summary>Rails sends raw UTF-8, not \u escapes, for non-ASCII titles.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Render(SimPlay play, bool full)
    {
        var buffer = new ArrayBufferWriter<byte>(full ? 1024 : 320);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, play, full);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, SimPlay play, bool full)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", play.Id);
        writer.WriteString("watched_at", TraktTime.Format(play.WatchedAt));
        writer.WriteString("action", play.Action);
        writer.WriteString("type", play.Type);
        if (play.MediaGone)
        {
            foreach (var media in play.IsMovie ? ["movie"] : new[] { "episode", "show" }) writer.WriteNull(media);
        }
        else if (play.IsMovie)
        {
            WriteMovie(writer, play.Movie!, full);
        }
        else
        {
            WriteEpisode(writer, play.Episode!, full);
            WriteShow(writer, play.Show!, full);
        }
        writer.WriteEndObject();
    }

    private static void WriteMovie(Utf8JsonWriter writer, SimMovie movie, bool full)
    {
        writer.WriteStartObject("movie");
        writer.WriteString("title", movie.Title);
        WriteNullableNumber(writer, "year", movie.Year);
        WriteIds(writer, movie.Ids, slug: true, tvdb: false);
        if (full) FullFields.WriteMovie(writer, movie);
        writer.WriteEndObject();
    }

    private static void WriteEpisode(Utf8JsonWriter writer, SimEpisode episode, bool full)
    {
        writer.WriteStartObject("episode");
        writer.WriteNumber("season", episode.Season);
        writer.WriteNumber("number", episode.Number);
        writer.WriteString("title", episode.Title);
        WriteIds(writer, episode.Ids, slug: false, tvdb: true);
        if (full) FullFields.WriteEpisode(writer, episode);
        writer.WriteEndObject();
    }

    private static void WriteShow(Utf8JsonWriter writer, SimShow show, bool full)
    {
        writer.WriteStartObject("show");
        writer.WriteString("title", show.Title);
        WriteNullableNumber(writer, "year", show.Year);
        WriteIds(writer, show.Ids, slug: true, tvdb: true);
        if (full) FullFields.WriteShow(writer, show);
        writer.WriteEndObject();
    }

    /// <summary>Trakt's ids object: movies have no tvdb id, episodes no slug, shows both.</summary>
    private static void WriteIds(Utf8JsonWriter writer, SimIds ids, bool slug, bool tvdb)
    {
        writer.WriteStartObject("ids");
        writer.WriteNumber("trakt", ids.Trakt);
        if (slug) writer.WriteString("slug", ids.Slug);
        if (tvdb) WriteNullableNumber(writer, "tvdb", ids.Tvdb);
        writer.WriteString("imdb", ids.Imdb);
        WriteNullableNumber(writer, "tmdb", ids.Tmdb);
        writer.WriteEndObject();
    }

    internal static void WriteNullableNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number) writer.WriteNumber(name, number); else writer.WriteNull(name);
    }
}
