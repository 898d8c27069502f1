using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;

namespace TraktTracker.Commands;

/// <summary>
/// Update-TraktInflux: rewrites the whole InfluxDB projection from the local store without calling Trakt, after a
/// TIMEZONE change, a new InfluxDB or a wiped bucket.
/// </summary>
[Cmdlet(VerbsData.Update, "TraktInflux", SupportsShouldProcess = true, HelpUri = ModuleLinks.HelpUri)]
[OutputType(typeof(ProjectionResult))]
public sealed class UpdateTraktInfluxCommand : TraktCmdlet
{
    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        settings.RequireInflux();
        // Opening would create an empty store, and rebuilding from it would only empty InfluxDB.
        RequireStore(settings, "there is nothing to rebuild InfluxDB from");
        var target = $"InfluxDB {SafeUrl.Show(settings.InfluxUrl)} ({settings.InfluxBucketRaw}, {settings.InfluxBucketAgg})";
        var action = $"Delete {ProjectionSchema.EventMeasurement} and {ProjectionSchema.DailyMeasurement} and rewrite them from the plays in {settings.StateDbPath}";
        // Asked before the store is opened: its run lock file is a change too.
        if (ShouldProcess(target, action))
        {
            using var runtime = OpenRuntime(settings, exclusive: true);
            WriteObject(RunEngine(ct => runtime.RebuildProjectionAsync(ct)));
        }
    }
}
