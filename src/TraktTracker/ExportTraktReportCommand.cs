using System.Management.Automation;
using TraktTracker.Report;

namespace TraktTracker.Commands;

/// <summary>Export-TraktReport: the one-file HTML report of the local history, optionally with a year in review.</summary>
[Cmdlet(VerbsData.Export, "TraktReport", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(ReportFile))]
public sealed class ExportTraktReportCommand : TraktCmdlet
{
    /// <summary>The HTML file to write (replaced if it exists; missing folders are created).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Adds a year-in-review section for this year in TIMEZONE's calendar.</summary>
    [Parameter]
    [ValidateRange(1, 9999)]
    public int? Year { get; set; }

    protected override object? ErrorTarget(Exception exception) => Path;

    protected override void ProcessTraktRecord()
    {
        var path = ResolvePath(Path);
        if (!ShouldProcess(path, Year is { } year ? $"Write the watch-history report with {year} in review" : "Write the watch-history report"))
        {
            return;
        }

        var settings = LoadSettings();
        RequireStore(settings, "there is no history to report");
        using var runtime = OpenRuntime(settings, exclusive: false);
        WriteObject(runtime.ExportReport(path, Year));
    }
}
