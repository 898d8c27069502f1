using System.Text.Json;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class HistoryItemParserTests
{
    private const string Movie = """
        { "id": 1982346, "watched_at": "2014-03-31T09:28:53.000Z", "action": "scrobble", "type": "movie",
          "movie": { "title": "The Dark Knight", "year": 2008, "runtime": 152,
                     "ids": { "trakt": 4, "slug": "the-dark-knight-2008", "imdb": "tt0468569", "tmdb": 155 } } }
        """;

    private const string Episode = """
        { "id": 6000000001, "watched_at": "2014-03-31T11:28:53.000+02:00", "action": "checkin", "type": "episode",
          "episode": { "season": 2, "number": 1, "title": null, "runtime": 22,
                       "ids": { "trakt": 251, "tvdb": 797571, "imdb": null, "tmdb": 397629 } },
          "show": { "title": "Parks and Recreation", "year": 2009,
                    "ids": { "trakt": 4, "slug": "parks-and-recreation", "tvdb": 84912, "imdb": "tt1266020", "tmdb": 8592 } } }
        """;

    [Fact]
    public void Movie_item_maps_every_field()
    {
        var play = Parse(Movie);

        Assert.Equal(new WatchEvent
        {
            HistoryId = 1982346,
            WatchedAt = new DateTimeOffset(2014, 3, 31, 9, 28, 53, TimeSpan.Zero),
            Type = MediaType.Movie,
            Title = "The Dark Knight",
            Year = 2008,
            RuntimeMinutes = 152,
            Action = "scrobble",
            TraktId = 4,
            Slug = "the-dark-knight-2008",
            ImdbId = "tt0468569",
            TmdbId = 155,
        }, play);
    }

    [Fact]
    public void Episode_item_takes_ids_from_the_episode_and_slug_and_year_from_the_show()
    {
        var play = Parse(Episode);

        Assert.Equal(new WatchEvent
        {
            HistoryId = 6000000001,
            WatchedAt = new DateTimeOffset(2014, 3, 31, 9, 28, 53, TimeSpan.Zero),
            Type = MediaType.Episode,
            Title = "",
            Year = 2009,
            ShowTitle = "Parks and Recreation",
            Season = 2,
            Episode = 1,
            RuntimeMinutes = 22,
            Action = "checkin",
            TraktId = 251,
            ShowTraktId = 4,
            Slug = "parks-and-recreation",
            ImdbId = null,
            TmdbId = 397629,
            TvdbId = 797571,
        }, play);
        Assert.Equal(TimeSpan.Zero, play.WatchedAt.Offset);
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00.000Z")]
    [InlineData("unknown")]
    public void Unknown_date_plays_come_out_at_the_epoch(string watchedAt)
    {
        var play = Parse(Movie.Replace("2014-03-31T09:28:53.000Z", watchedAt));

        Assert.True(play.HasUnknownDate());
        Assert.False(play.IsRewatch);
    }

    [Theory]
    [InlineData("\"id\": 1982346,", "", "id")]
    [InlineData("\"watched_at\": \"2014-03-31T09:28:53.000Z\"", "\"watched_at\": \"not-a-date\"", "watched_at")]
    [InlineData("\"type\": \"movie\"", "\"type\": \"show\"", "type")]
    [InlineData("\"title\": \"The Dark Knight\"", "\"title\": 42", "movie.title")]
    [InlineData("\"tmdb\": 155", "\"tmdb\": \"155\"", "movie.ids.tmdb")]
    [InlineData("\"id\": 1982346", "\"id\": 1.5", "id")]
    public void A_broken_field_is_named(string from, string to, string field)
    {
        var broken = Movie.Replace(from, to);
        Assert.NotEqual(Movie, broken);

        var error = Assert.Throws<HistoryItemFormatException>(() => Parse(broken));

        Assert.Equal(field, error.Field);
        Assert.Contains($"'{field}'", error.Message);
    }

    [Fact]
    public void A_movie_item_whose_movie_is_null_is_a_play_without_a_title()
    {
        var play = Parse("""{ "id": 77, "watched_at": "2020-05-01T20:00:00.000Z", "action": "watch", "type": "movie", "movie": null }""");

        Assert.Equal(
            new WatchEvent { HistoryId = 77, WatchedAt = new DateTimeOffset(2020, 5, 1, 20, 0, 0, TimeSpan.Zero), Type = MediaType.Movie, Action = "watch" },
            play);
        Assert.True(play.HasUnknownTitle());
        Assert.Equal("h:77", play.TitleKey());
    }

    [Theory]
    [InlineData("\"episode\": null, \"show\": null")]
    [InlineData("\"episode\": null")]
    [InlineData("\"show\": { \"title\": \"Kept\", \"ids\": { \"trakt\": 4 } }")]
    public void An_episode_item_without_its_episode_keeps_the_play_and_what_the_show_says(string media)
    {
        var play = Parse($$"""{ "id": 78, "watched_at": "2020-05-01T20:00:00.000Z", "action": "scrobble", "type": "episode", {{media}} }""");

        Assert.Equal((78L, MediaType.Episode, "scrobble", "", 0L), (play.HistoryId, play.Type, play.Action, play.Title, play.TraktId));
        Assert.Equal(media.Contains("Kept", StringComparison.Ordinal) ? "Kept" : null, play.ShowTitle);
        Assert.Equal("h:78", play.TitleKey());
    }

    private static WatchEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return HistoryItemParser.Parse(document.RootElement);
    }
}
