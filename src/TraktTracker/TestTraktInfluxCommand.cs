using System.Management.Automation;
using TraktTracker.Influx;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>
/// Test-TraktInflux: checks the InfluxDB settings (reachability, version, write permission on the raw and aggregate
/// targets) and leaves nothing behind. Works with ENABLE_INFLUX=false. A failed check is an answer, not an error:
/// the result has Success = $false and the reason (Failure, Message). Only bad settings throw.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TraktInflux", HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(InfluxTestResult))]
public sealed class TestTraktInfluxCommand : TraktCmdlet
{
    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        var result = RunEngine(ct => TrackerRuntime.TestInfluxAsync(settings, Reporter, ct));
        WriteObject(result);
    }
}
