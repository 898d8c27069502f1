using System.Management.Automation;
using TraktTracker.Config;
using TraktTracker.Influx;
using TraktTracker.State;

namespace TraktTracker.Commands;

/// <summary>
/// Update-TraktInflux: rewrites the whole InfluxDB projection from the local store without calling Trakt, after a
/// TIMEZONE change, a new InfluxDB or a wiped bucket.
/// </summary>
[Cmdlet(VerbsData.Update, "TraktInflux", SupportsShouldProcess = true)]
[OutputType(typeof(ProjectionResult))]
public sealed class UpdateTraktInfluxCommand : TraktCmdlet
{
    protected override void ProcessTraktRecord()
    {
        var settings = LoadSettings();
        settings.RequireInflux();
        if (!File.Exists(settings.StateDbPath))
        {
            // Opening would create an empty store, and rebuilding from it would only empty InfluxDB.
            throw new StateStoreException(
                $"There is no state store at {settings.StateDbPath}, so there is nothing to rebuild InfluxDB from. Run Invoke-TraktBackfill first, or pass -StateDbPath.");
        }

        using var runtime = OpenRuntime(settings, exclusive: true);
        var target = $"InfluxDB {SafeUrl.Show(settings.InfluxUrl)} ({settings.InfluxBucketRaw}, {settings.InfluxBucketAgg})";
        var action = $"Delete {ProjectionSchema.EventMeasurement} and {ProjectionSchema.DailyMeasurement} and rewrite them from the "
            + $"{runtime.Store.CountPlays()} plays in {settings.StateDbPath}";
        if (ShouldProcess(target, action))
        {
            WriteObject(RunEngine(ct => runtime.RebuildProjectionAsync(ct)));
        }
    }
}
