using System.Management.Automation;
using TraktTracker.State;

namespace TraktTracker.Commands;

/// <summary>The filters the cmdlets that read the local history share: -Type, -After, -Before.</summary>
public abstract class TraktHistoryFilterCmdlet : TraktCmdlet
{
    // Kept as its number, never as the engine's enum: PowerShell lays out exported cmdlet classes while it imports
    // the module, before the engine is loadable when the engine loads in a context of its own.
    private int? _type;

    [Parameter]
    public MediaType? Type { get => (MediaType?)_type; set => _type = (int?)value; }

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
