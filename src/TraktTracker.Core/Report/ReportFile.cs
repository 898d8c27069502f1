namespace TraktTracker.Report;

/// <summary>A report that was written (Export-TraktReport, trakt-tracker --report).</summary>
public sealed record ReportFile
{
    /// <summary>Full path of the HTML file.</summary>
    public string Path { get; init; } = "";

    public long Bytes { get; init; }

    /// <summary>Plays the report covers (the whole history, unknown-date plays included).</summary>
    public int Plays { get; init; }

    /// <summary>The year of the year-in-review section, if one was asked for.</summary>
    public int? Year { get; init; }

    /// <summary>The IANA zone the report's days and hours are local to (TIMEZONE).</summary>
    public string TimeZone { get; init; } = "";
}
