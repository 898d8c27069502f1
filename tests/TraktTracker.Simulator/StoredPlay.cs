namespace TraktTracker.Simulator;

/// <summary>A play plus its JSON, rendered once on first use: paging 100,000 plays then only copies bytes.</summary>
internal sealed class StoredPlay(SimPlay play)
{
    private byte[]? _minimalJson;
    private byte[]? _fullJson;

    public SimPlay Play { get; } = play;

    public byte[] Json(bool full) => full
        ? _fullJson ??= PlayJson.Render(Play, full: true)
        : _minimalJson ??= PlayJson.Render(Play, full: false);

    /// <summary>Trakt's order: most recent first, equal timestamps by history id descending.</summary>
    public static int NewestFirst(StoredPlay a, StoredPlay b)
    {
        var byTime = b.Play.WatchedAt.CompareTo(a.Play.WatchedAt);
        return byTime != 0 ? byTime : b.Play.Id.CompareTo(a.Play.Id);
    }
}
