namespace TraktTracker.Tests.Module.EndToEnd;

/// <summary>One simulator history of 1,000 plays, backfilled once through the module, read by every test.</summary>
public sealed class BackfilledBed : IAsyncLifetime
{
    public ModuleBed Bed { get; private set; } = null!;

    /// <summary>What Get-TraktHistory must return, newest first.</summary>
    public List<WatchEvent> Expected { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bed = await ModuleBed.ConnectedAsync(1_000, seed: 17);
        Bed.Run("Invoke-TraktBackfill").EnsureNoErrors();
        Expected = Bed.ExpectedPlays();
    }

    public async Task DisposeAsync() => await Bed.DisposeAsync();
}
