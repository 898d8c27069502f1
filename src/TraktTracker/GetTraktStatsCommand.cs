using System.Management.Automation;
using TraktTracker.Stats;

namespace TraktTracker.Commands;

/// <summary>Get-TraktStats: figures of the local history, one row per group (-By) or one row of totals (-Summary).</summary>
[Cmdlet(VerbsCommon.Get, "TraktStats", DefaultParameterSetName = SummarySet)]
[OutputType(typeof(StatsSummary), ParameterSetName = [SummarySet])]
[OutputType(typeof(StatsRow), ParameterSetName = [BySet])]
public sealed class GetTraktStatsCommand : TraktHistoryFilterCmdlet
{
    private const string BySet = "By";
    private const string SummarySet = "Summary";

    // Kept as its number, like TraktHistoryFilterCmdlet's -Type.
    private int _by;

    /// <summary>One row per year, month, ISO week, day, weekday or hour (local to TIMEZONE), show, title or type.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySet)]
    public StatsGrouping By { get => (StatsGrouping)_by; set => _by = (int)value; }

    /// <summary>One row of totals (the default without -By).</summary>
    [Parameter(ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    /// <summary>Only plays of this year in TIMEZONE's calendar.</summary>
    [Parameter]
    [ValidateRange(1, 9999)]
    public int? Year { get; set; }

    protected override void ProcessTraktRecord()
    {
        using var runtime = OpenRuntime(exclusive: false);
        var stats = runtime.ComputeStats(new StatsQuery
        {
            Filter = Filter,
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
