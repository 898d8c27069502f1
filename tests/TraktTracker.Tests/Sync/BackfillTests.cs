using TraktTracker.Simulator;
using TraktTracker.State;
using TraktTracker.Sync;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Sync;

public sealed class BackfillTests
{
    [Fact]
    public async Task Backfill_stores_exactly_the_simulator_history_in_ceil_n_over_250_history_calls()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(3_000, seed: 7);

        var outcome = await h.BackfillAsync();

        h.AssertStoreMatchesSimulator();
        Assert.Equal(3_000, outcome.Summary.Fetched);
        Assert.Equal(3_000, outcome.Summary.Inserted);
        Assert.Equal(3_000, outcome.NewPlays.Count());
        // Flags as stored at the end, although later (older) pages flipped plays of earlier pages.
        Assert.Equal(h.ExpectedPlays().OrderBy(p => p.HistoryId), outcome.NewPlays.OrderBy(p => p.HistoryId));
        Assert.Equal(0, outcome.Summary.ParseErrors);
        Assert.Equal(12, h.Simulator.Requests.Count("/sync/history"));
        Assert.Equal(1, h.Simulator.Requests.Count("/sync/last_activities"));
        Assert.Equal(13, outcome.Summary.ApiCalls);
    }

    [Fact]
    public async Task A_second_backfill_is_skipped_and_force_adds_no_duplicates()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(600, seed: 3);
        await h.BackfillAsync();
        h.Simulator.Requests.Reset();

        var again = await h.BackfillAsync();
        Assert.True(again.Summary.Skipped);
        Assert.Equal(0, h.Simulator.Requests.Total);

        var forced = await h.BackfillAsync(new RunOptions { Force = true });
        Assert.False(forced.Summary.Skipped);
        Assert.Equal(0, forced.Summary.Inserted);
        Assert.Equal(600, forced.Summary.Duplicates);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_backfill_run_again_drops_plays_trakt_deleted_since_they_were_stored()
    {
        // Regression: a backfill only inserted. A play stored by an earlier (crashed or finished) backfill and deleted
        // on Trakt before the rerun stayed, and the rerun's baseline told every later sync that nothing had changed.
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(600, seed: 3);
        await h.BackfillAsync();
        var gone = h.ExpectedPlays()[100];
        h.Simulator.History.Remove(gone.HistoryId);
        await h.Simulator.History.WaitPastLastChangeAsync();

        var forced = await h.BackfillAsync(new RunOptions { Force = true });
        var sync = await h.SyncAsync();

        Assert.Equal(1, forced.Summary.Deleted);
        Assert.True(sync.Summary.Skipped);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_backfill_with_an_unparseable_item_deletes_nothing()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(400, seed: 11);
        await h.BackfillAsync();
        h.Simulator.Faults.Enqueue(SimFault.MalformedItem(), "/sync/history");

        var forced = await h.BackfillAsync(new RunOptions { Force = true });

        Assert.Equal(1, forced.Summary.ParseErrors);
        Assert.Equal(0, forced.Summary.Deleted);
        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_malformed_item_goes_to_dead_letters_and_the_rest_of_its_page_is_stored()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(400, seed: 11);
        h.Simulator.Faults.Enqueue(SimFault.MalformedItem(), "/sync/history");

        var outcome = await h.BackfillAsync();

        Assert.Equal(1, outcome.Summary.ParseErrors);
        Assert.Equal(399, h.StoredPlays().Count);
        using var store = StateStore.Open(h.StateDbPath);
        var deadLetter = Assert.Single(store.GetDeadLetters());
        Assert.Contains("\"id\"", deadLetter.Payload);
        Assert.False(string.IsNullOrWhiteSpace(deadLetter.Error));
        var storedIds = h.StoredPlays().Select(p => p.HistoryId).ToHashSet();
        var lost = h.ExpectedPlays().Where(p => !storedIds.Contains(p.HistoryId)).ToList();
        Assert.Single(lost);
        Assert.Contains(lost[0].HistoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), deadLetter.Payload);
    }

    [Theory]
    [InlineData("429")]
    [InlineData("502")]
    [InlineData("520")]
    [InlineData("reset")]
    [InlineData("truncated")]
    public async Task Faults_during_the_crawl_are_survived(string fault)
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(1_000, seed: 5);
        h.Simulator.Faults.Enqueue(fault switch
        {
            "429" => SimFault.RateLimited(1),
            "502" => SimFault.ServerError(502),
            "520" => SimFault.ServerError(520),
            "reset" => SimFault.ConnectionReset(),
            _ => SimFault.TruncatedBody(),
        }, "/sync/history", times: 2);

        await h.BackfillAsync();

        h.AssertStoreMatchesSimulator();
    }

    [Fact]
    public async Task A_sync_right_after_a_backfill_costs_one_call()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(500, seed: 9);
        await h.BackfillAsync();
        h.Simulator.Requests.Reset();

        var sync = await h.SyncAsync();

        Assert.True(sync.Summary.Skipped);
        Assert.Equal(1, h.Simulator.Requests.Total);
        Assert.Equal(1, sync.Summary.ApiCalls);
    }

    [Fact]
    public async Task A_backfill_larger_than_one_rate_window_waits_for_the_window_and_draws_no_429()
    {
        // Trakt's 500 GETs per 300 s, scaled down: 5 GETs per second, no X-Ratelimit on answers (as the live API).
        await using var h = await SyncHarness.StartAsync(sim =>
        {
            sim.GetLimit = 5;
            sim.RatePeriod = TimeSpan.FromSeconds(1);
        });
        h.Settings = h.Settings with { TraktGetLimit = 5 };
        h.Simulator.History.SeedRandom(3_000, seed: 7);

        var outcome = await h.BackfillAsync();

        h.AssertStoreMatchesSimulator();
        Assert.Equal(13, outcome.Summary.ApiCalls);
        Assert.DoesNotContain(h.Simulator.Requests.All, r => r.Status == 429);
        Assert.Contains(h.Reporter.Lines, l => l.StartsWith("INFO: Trakt GETs paused: 5 GETs in 1 s sent (TRAKT_GET_LIMIT)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("seeded from TRAKT_REFRESH_TOKEN")]
    [InlineData("expired access token")]
    public async Task The_summary_counts_every_request_token_requests_included(string tokens)
    {
        await using var h = await SyncHarness.StartAsync();
        h.Simulator.History.SeedRandom(600, seed: 3);
        var (access, refresh) = h.Simulator.Auth.IssueTokens();
        if (tokens == "expired access token")
        {
            using var store = StateStore.Open(h.StateDbPath);
            store.SaveTokens(new StoredTokens(access, refresh, DateTimeOffset.UtcNow.AddMinutes(-1), "public"));
        }
        else
        {
            // A store without tokens: the run redeems TRAKT_REFRESH_TOKEN first.
            foreach (var file in new[] { h.StateDbPath, h.StateDbPath + "-wal", h.StateDbPath + "-shm" })
            {
                File.Delete(file);
            }

            h.Settings = h.Settings with { TraktRefreshToken = refresh };
        }

        h.Simulator.Requests.Reset();

        var outcome = await h.BackfillAsync();

        Assert.Equal(1, h.Simulator.Requests.Count("/oauth/token", "POST"));
        Assert.Equal(h.Simulator.Requests.Total, outcome.Summary.ApiCalls);
        Assert.Equal(5, outcome.Summary.ApiCalls); // the token, last activities, three pages
    }
}
