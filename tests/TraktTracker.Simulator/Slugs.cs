using System.Text;

namespace TraktTracker.Simulator;

/// <summary>Trakt-style slugs ("the-dark-knight-2008") for media added without an explicit slug.</summary>
internal static class Slugs
{
    public static string From(string title, int? year)
    {
        var slug = new StringBuilder(title.Length + 5);
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var core = slug.ToString().Trim('-');
        if (core.Length == 0) core = "untitled";
        return year is { } y ? $"{core}-{y}" : core;
    }
}
