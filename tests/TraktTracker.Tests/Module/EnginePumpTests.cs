using System.Collections;
using System.Management.Automation;
using TraktTracker.Commands;

namespace TraktTracker.Tests.Module;

/// <summary>
/// The engine reports from worker threads, but PowerShell accepts writes only on the pipeline thread. A probe
/// cmdlet built on <see cref="TraktCmdlet"/> runs a fake engine call on the thread pool, in the real engine;
/// any write from the wrong thread would fail the command. Hosted, not Pester: the probe is a test-only cmdlet
/// over the module's internals, which only a test assembly with InternalsVisibleTo can build.
/// </summary>
public sealed class EnginePumpTests(ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>
{
    private PowerShellResultFor Run(string arguments) => new(fixture.Session.Invoke(
        $"param($Probe) Import-Module $Probe; Test-EnginePump {arguments}",
        new Hashtable { ["Probe"] = typeof(TestEnginePumpCommand).Assembly.Location }));

    [Fact]
    public void Verbose_warning_and_progress_from_a_worker_thread_reach_their_streams_in_order()
    {
        var run = Run("-Verbose");

        Assert.Equal(["Fetching page 1", "Fetching page 2"], run.Result.Verbose);
        Assert.Equal(["Page 2 had a malformed item"], run.Result.Warnings);
        Assert.Collection(run.Result.Progress,
            p => Assert.Equal(("Backfill", 50, ProgressRecordType.Processing), (p.Activity, p.PercentComplete, p.RecordType)),
            p => Assert.Equal(("Backfill", ProgressRecordType.Completed), (p.Activity, p.RecordType)));
        Assert.True(run.Probe.RanOffPipelineThread);
    }

    private sealed record PowerShellResultFor(TestSupport.PowerShell.PowerShellResult Result)
    {
        public PumpProbeResult Probe { get; } = (PumpProbeResult)Result.EnsureNoErrors().Objects.Single();
    }
}

/// <summary>What the probe's fake engine call observed.</summary>
public sealed record PumpProbeResult(bool RanOffPipelineThread);

/// <summary>A cmdlet whose "engine call" reports from the thread pool, as the sync engine does.</summary>
[Cmdlet(VerbsDiagnostic.Test, "EnginePump")]
[OutputType(typeof(PumpProbeResult))]
public sealed class TestEnginePumpCommand : TraktCmdlet
{
    protected override void ProcessTraktRecord()
    {
        var pipelineThread = Environment.CurrentManagedThreadId;
        WriteObject(RunEngine(async ct =>
        {
            await Task.Delay(10, ct);
            IRunReporter engine = Reporter;
            engine.Verbose("Fetching page 1");
            engine.Progress("Backfill", "Page 1 of 2", 50);
            engine.Verbose("Fetching page 2");
            engine.Warning("Page 2 had a malformed item");
            engine.ProgressCompleted("Backfill");
            return new PumpProbeResult(Environment.CurrentManagedThreadId != pipelineThread);
        }));
    }
}
