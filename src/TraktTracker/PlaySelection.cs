using System.Management.Automation;

namespace TraktTracker.Commands;

/// <summary>
/// Get-TraktHistory's -Title and -First, applied in the order plays arrive (newest first), so the source can
/// stop as soon as enough plays were admitted. Used from one thread at a time.
/// </summary>
internal sealed class PlaySelection
{
    private readonly WildcardPattern? _title;
    private readonly int? _first;
    private int _admitted;

    public PlaySelection(string? title, int? first)
    {
        _title = title is null ? null : new WildcardPattern(title, WildcardOptions.IgnoreCase);
        _first = first;
    }

    /// <summary>
    /// Writes the play when it matches -Title (its title or its show's) and the -First budget has room; false once
    /// -First plays were written, so the caller stops reading.
    /// </summary>
    public bool Offer(WatchEvent play, Action<WatchEvent> write)
    {
        if (!IsFull && MatchesTitle(play))
        {
            _admitted++;
            write(play);
        }

        return !IsFull;
    }

    private bool IsFull => _admitted >= _first;

    private bool MatchesTitle(WatchEvent play)
        => _title is null || _title.IsMatch(play.Title) || (play.ShowTitle is { } show && _title.IsMatch(show));
}
