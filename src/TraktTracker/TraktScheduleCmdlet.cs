using System.Management.Automation;
using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>
/// What Get-TraktSchedule and Unregister-TraktSchedule share: -Backend, a schedule manager for this machine, and
/// schedule failures as ErrorRecords. They read no settings, so they take no -ConfigPath or -StateDbPath.
/// </summary>
public abstract class TraktScheduleCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>The scheduler to look in; Auto looks in every one this OS has. Binds from piped schedule entries.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ScheduleBackend Backend { get => (ScheduleBackend)_backend; set => _backend = (int)value; }

    // Stored as its number (Auto): see TraktCmdlet for why no field of a cmdlet has an engine type.
    private int _backend;

    protected sealed override void ProcessRecord()
    {
        try
        {
            ProcessSchedule(new ScheduleManager(ScheduleHost.Machine(), new PipelineReporter(this, _stop)));
        }
        catch (Exception ex) when (ex is not RuntimeException)
        {
            var record = EngineErrors.ToErrorRecord(ex, Backend);
            if (ConcernsOneItem)
            {
                WriteError(record);
            }
            else
            {
                ThrowTerminatingError(record);
            }
        }
    }

    /// <summary>True when a failure concerns only the current input (one piped entry), so it does not end the pipeline.</summary>
    protected virtual bool ConcernsOneItem => false;

    /// <summary>The cmdlet's work with the machine's schedules.</summary>
    protected abstract void ProcessSchedule(ScheduleManager manager);

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();
}
