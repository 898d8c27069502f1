using System.Management.Automation;
using TraktTracker.State;

namespace TraktTracker.Commands;

/// <summary>The filters the cmdlets that read the local history share: -Type, -After, -Before.</summary>
public abstract class TraktHistoryFilterCmdlet : TraktCmdlet
{
    [Parameter]
    public MediaType? Type { get; set; }

    /// <summary>Only plays watched after this moment (a date without offset is local time).</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only plays watched before this moment.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>The parameters as the engine's filter.</summary>
    protected HistoryFilter Filter => new() { Type = Type, After = ToInstant(After), Before = ToInstant(Before) };

    // PowerShell dates without a zone ([datetime]'2024-05-01') mean local time, as users type them.
    private static DateTimeOffset? ToInstant(DateTime? value) => value is { } date ? new DateTimeOffset(date) : null;
}
