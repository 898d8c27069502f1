using System.Diagnostics;
using TraktTracker.State;
using Xunit;

namespace TraktTracker.Tests.State;

public sealed class RunLockTests : IDisposable
{
    private readonly TempStateFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_second_acquirer_waits_then_fails_naming_the_holder()
    {
        using var first = RunLock.Acquire(_temp.DbPath, TimeSpan.Zero);

        var error = Assert.Throws<StateLockedException>(() => RunLock.Acquire(_temp.DbPath, TimeSpan.FromMilliseconds(300)));

        Assert.Contains($"Another TraktTracker run is using {_temp.DbPath}", error.Message);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message);
    }

    [Fact]
    public async Task A_waiting_acquirer_gets_the_lock_once_the_holder_releases_it()
    {
        var first = RunLock.Acquire(_temp.DbPath, TimeSpan.Zero);
        var reporter = new RecordingReporter();
        var second = Task.Run(() => RunLock.Acquire(_temp.DbPath, TimeSpan.FromSeconds(10), reporter));

        SpinWait.SpinUntil(() => reporter.VerboseMessages.Count > 0, TimeSpan.FromSeconds(5));
        Assert.False(second.IsCompleted);
        first.Dispose();

        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("Waiting up to 10 s for another TraktTracker run", Assert.Single(reporter.VerboseMessages));
    }

    [Fact]
    public async Task A_stop_ends_the_wait_for_the_lock_long_before_the_timeout()
    {
        using var first = RunLock.Acquire(_temp.DbPath, TimeSpan.Zero);
        using var stop = new CancellationTokenSource();
        var reporter = new RecordingReporter();
        var second = Task.Run(() => RunLock.Acquire(_temp.DbPath, TimeSpan.FromMinutes(10), reporter, stop.Token));
        SpinWait.SpinUntil(() => reporter.VerboseMessages.Count > 0, TimeSpan.FromSeconds(5));

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_stop_ends_a_reset_waiting_for_the_lock_and_nothing_is_wiped()
    {
        using (var store = StateStore.Open(_temp.DbPath))
        {
            store.SetMeta("probe", "kept");
        }

        using var first = RunLock.Acquire(_temp.DbPath, TimeSpan.Zero);
        using var stop = new CancellationTokenSource();
        var reporter = new RecordingReporter();
        var settings = new TraktTracker.Config.TrackerSettings { StateDbPath = _temp.DbPath, LockTimeoutSeconds = 600 };
        var reset = Task.Run(() => TraktTracker.Sync.TrackerRuntime.OpenReset(settings, reporter, keepAuth: false, ct: stop.Token));
        SpinWait.SpinUntil(() => reporter.VerboseMessages.Count > 0, TimeSpan.FromSeconds(5));

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reset.WaitAsync(TimeSpan.FromSeconds(5)));
        using var after = StateStore.Open(_temp.DbPath);
        Assert.Equal("kept", after.GetMeta("probe"));
    }

    [UnixFact]
    public void The_lock_is_an_os_level_lock_seen_by_other_processes()
    {
        var lockPath = _temp.DbPath + ".lock";
        using (RunLock.Acquire(_temp.DbPath, TimeSpan.Zero))
        {
            Assert.Equal(1, RunFlock(lockPath)); // flock -n exits 1 when the lock is held elsewhere
        }

        Assert.Equal(0, RunFlock(lockPath));
    }

    private static int RunFlock(string lockPath)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-n", lockPath, "true"]))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
