using System.Collections.Concurrent;
using TraktTracker.Scheduling;
using TraktTracker.Simulator;
using TraktTracker.Sync;
using TraktTracker.Trakt;
using TraktTracker.Tests.Sync;

namespace TraktTracker.Tests.Scheduling;

/// <summary>The service mode's loop, in-process against the simulator, with second-level cron expressions.</summary>
public sealed class ServiceLoopTests
{
    private static async Task<SyncHarness> StartAsync(int plays, int seed)
    {
        var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(plays, seed);
        h.Settings = h.Settings with { SyncCron = "* * * * * *", ReconcileCron = "*/2 * * * * *", TraktMaxRetries = 0 };
        return h;
    }

    private static (ServiceLoop Loop, Events Events) Loop(SyncHarness h, RunOptions? options = null)
    {
        var events = new Events();
        return (new ServiceLoop(h.Settings, options ?? new RunOptions(), h.Reporter, events), events);
    }

    [Fact]
    public async Task It_backfills_and_syncs_at_once_then_runs_both_jobs_on_schedule_until_stopped()
    {
        await using var h = await StartAsync(300, seed: 41);
        var (loop, events) = Loop(h);
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await events.WaitForAsync(e => e.Count(x => x.Text == "Reconcile") >= 2 && e.Count(x => x.Text == "Sync") >= 3);
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var log = events.All();
        Assert.Equal(["Backfill", "Sync"], log.Where(e => e.Kind == "done").Take(2).Select(e => e.Text));
        Assert.DoesNotContain(log, e => e.Kind == "failed");
        // Coalesced, never caught up: each announced run lies ahead of the moment it was announced.
        Assert.All(log.Where(e => e.Kind == "waiting"), e => Assert.True(e.Tick!.At > e.At, $"{e.Tick.At:O} announced at {e.At:O}"));
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_failure_the_next_run_may_not_repeat_is_reported_and_the_schedule_goes_on()
    {
        await using var h = await StartAsync(120, seed: 42);
        h.Simulator.Faults.Enqueue(SimFault.Status(503), "/sync/last_activities");
        var (loop, events) = Loop(h);
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await events.WaitForAsync(e => e.Any(x => x.Text == "Backfill"));
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var first = events.All().First(e => e.Kind is "failed" or "done");
        Assert.Equal("failed", first.Kind);
        Assert.IsType<TraktApiException>(first.Error);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_failure_that_needs_the_user_ends_the_service_with_that_error()
    {
        await using var h = await StartAsync(50, seed: 43);
        h.Simulator.Auth.InvalidateAllSessions();
        var (loop, events) = Loop(h);

        var error = await Assert.ThrowsAsync<TraktAuthException>(() => loop.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("trakt-tracker --auth", error.Message);
        Assert.Empty(events.All());
    }

    [Fact]
    public async Task A_forced_backfill_runs_once_at_the_start_not_at_every_sync()
    {
        await using var h = await StartAsync(80, seed: 44);
        await h.BackfillAsync();
        var (loop, events) = Loop(h, new RunOptions { Force = true });
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await events.WaitForAsync(e => e.Count(x => x.Text == "Sync") >= 3);
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var backfills = events.All().Where(e => e.Text == "Backfill").ToList();
        Assert.Single(backfills);
        Assert.Equal(80, backfills[0].Summary!.Duplicates);
    }

    [Fact]
    public async Task Stopping_during_a_backfill_ends_the_loop_normally_with_whole_pages_stored()
    {
        await using var h = await StartAsync(5_000, seed: 45);
        h.Simulator.Options.Latency = TimeSpan.FromMilliseconds(200);
        var (loop, _) = Loop(h);
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await WaitUntilAsync(() => h.Reporter.Lines.Any(l => l.StartsWith("PROGRESS: Trakt backfill", StringComparison.Ordinal)));
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var stored = h.StoredPlays().Count;
        Assert.InRange(stored, 250, 4_750);
        Assert.Equal(0, stored % 250);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 30_000, "timed out");
            await Task.Delay(20);
        }
    }

    private sealed record Event(string Kind, string Text, DateTimeOffset At, ServiceTick? Tick = null, SyncSummary? Summary = null, Exception? Error = null);

    /// <summary>What the loop told its host, in order, with the moment it said it.</summary>
    private sealed class Events : IServiceObserver
    {
        private readonly ConcurrentQueue<Event> _events = new();

        public void Waiting(ServiceTick next) => _events.Enqueue(new("waiting", string.Join("+", next.Jobs), DateTimeOffset.UtcNow, Tick: next));

        public void Completed(ScheduledJob job, SyncSummary summary) => _events.Enqueue(new("done", summary.Operation, DateTimeOffset.UtcNow, Summary: summary));

        public void Failed(ScheduledJob job, Exception error) => _events.Enqueue(new("failed", job.ToString(), DateTimeOffset.UtcNow, Error: error));

        public List<Event> All() => [.. _events];

        public Task WaitForAsync(Func<List<Event>, bool> condition) => WaitUntilAsync(() => condition(All()));
    }
}
