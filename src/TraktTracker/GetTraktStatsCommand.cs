using System.Management.Automation;
using TraktTracker.Stats;

namespace TraktTracker.Commands;

/// <summary>Get-TraktStats: figures of the local history, one row per group (-By) or one row of totals (-Summary).</summary>
[Cmdlet(VerbsCommon.Get, "TraktStats", DefaultParameterSetName = SummarySet, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(StatsSummary), ParameterSetName = [SummarySet])]
[OutputType(typeof(StatsRow), ParameterSetName = [BySet])]
public sealed class GetTraktStatsCommand : TraktCmdlet
{
    private const string BySet = "By";
    private const string SummarySet = "Summary";

    // Engine enums are kept as their number: PowerShell lays out exported cmdlet classes while it imports the
    // module, before the engine is loadable when it loads in a context of its own.
    private int _by;

    /// <summary>One row per year, month, ISO week, day, weekday or hour (local to TIMEZONE), show, title or type.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySet)]
    public StatsGrouping By { get => (StatsGrouping)_by; set => _by = (int)value; }

    /// <summary>One row of totals (the default without -By).</summary>
    [Parameter(ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    /// <summary>Only movies or only episodes.</summary>
    [Parameter]
    [ValidateSet(MediaType.Movie, MediaType.Episode)]
    public string? Type { get; set; }

    /// <summary>Only plays watched after this moment (a date without offset is local time).</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only plays watched before this moment.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Only plays of this year in TIMEZONE's calendar.</summary>
    [Parameter]
    [ValidateRange(1, 9999)]
    public int? Year { get; set; }

    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        RequireStore(settings, "there is no history to count");
        using var runtime = OpenRuntime(settings, exclusive: false);
        var stats = runtime.ComputeStats(new StatsQuery
        {
            Filter = ToFilter(Type, After, Before),
            Year = Year,
        });
        if (ParameterSetName == BySet)
        {
            WriteObject(stats.Rows(By), enumerateCollection: true);
        }
        else
        {
            WriteObject(stats.Summary());
        }
    }
}
