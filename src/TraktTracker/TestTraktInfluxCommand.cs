using System.Management.Automation;
using TraktTracker.Influx;
using TraktTracker.Sync;

namespace TraktTracker.Commands;

/// <summary>
/// Test-TraktInflux: checks the InfluxDB settings (reachability, version, write permission on the raw and aggregate
/// targets) and leaves nothing behind. Works with ENABLE_INFLUX=false. The result object comes out either way; a
/// failed check also writes a non-terminating error, so scripts can test <c>$?</c> or the object.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TraktInflux")]
[OutputType(typeof(InfluxTestResult))]
public sealed class TestTraktInfluxCommand : TraktCmdlet
{
    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        var result = RunEngine(ct => TrackerRuntime.TestInfluxAsync(settings, Reporter, ct));
        WriteObject(result);
        if (result.ToException() is { } failure)
        {
            WriteError(EngineErrors.ToErrorRecord(failure, result.Url));
        }
    }
}
