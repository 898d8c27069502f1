using System.Management.Automation;
using TraktTracker.State;

namespace TraktTracker.Commands;

/// <summary>Get-TraktHistory: plays from the local store (or, with -Online, straight from Trakt), newest first.</summary>
[Cmdlet(VerbsCommon.Get, "TraktHistory", HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(WatchEvent))]
public sealed class GetTraktHistoryCommand : TraktCmdlet
{
    /// <summary>Movie or Episode (any case); both when omitted.</summary>
    [Parameter]
    [ValidateSet(MediaType.Movie, MediaType.Episode)]
    public string? Type { get; set; }

    /// <summary>Only plays watched after this moment (a date without offset is local time).</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only plays watched before this moment.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Matches the title or the show title; wildcards, case-insensitive.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    /// <summary>Reads from the Trakt API instead of the local store; nothing is stored.</summary>
    [Parameter]
    public SwitchParameter Online { get; set; }

    protected override void ProcessTraktRecord()
    {
        var selection = new PlaySelection(Title, First);
        var filter = ToFilter(Type, After, Before);
        var settings = LoadSettings();
        // -Online needs the tokens the store holds; reading it must not create an empty one.
        RequireStore(settings, Online ? "there are no Trakt tokens to read the history with" : "there is no history to read");
        // Reading the store needs no lock; -Online may refresh the single-use token, which only one run may do at a time.
        using var runtime = OpenRuntime(settings, exclusive: Online.IsPresent);
        if (Online)
        {
            RunEngine(ct => WriteOnlineAsync(runtime.StreamOnlineHistoryAsync(filter, ct), selection, ct));
            return;
        }

        foreach (var play in runtime.QueryHistory(filter))
        {
            if (!selection.Offer(play, WriteObject))
            {
                return;
            }
        }
    }

    private async Task WriteOnlineAsync(IAsyncEnumerable<WatchEvent> plays, PlaySelection selection, CancellationToken ct)
    {
        await foreach (var play in plays.WithCancellation(ct))
        {
            if (!selection.Offer(play, admitted => Reporter.Post(() => WriteObject(admitted))))
            {
                return;
            }
        }
    }

    // One of several stores piped in (by StateDbPath) may be missing or damaged; the others are still read.
    protected override bool ConcernsOneItem(Exception exception) => exception is StateStoreException;

}
