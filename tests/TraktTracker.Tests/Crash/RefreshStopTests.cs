using TraktTracker.Config;
using TraktTracker.Tests.Cli;
using TraktTracker.Tests.Sync;
using Xunit.Abstractions;

namespace TraktTracker.Tests.Crash;

/// <summary>
/// A stop never loses the Trakt login. trakt-tracker runs a sync whose first request meets an expired
/// access token, so it starts with a refresh, and gets SIGTERM at offsets spread before, during and after that
/// exchange; only SIGKILL during the exchange can lose the login, and the next run then says so.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class RefreshStopTests(ITestOutputHelper output)
{
    /// <summary>Every request waits this long before Trakt handles it: the refresh is sent, not yet rotated.</summary>
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(250);

    /// <summary>After rotating the pair, Trakt takes this long to answer: the window in which giving up loses it.</summary>
    private static readonly TimeSpan AnswerDelay = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// When the SIGTERMs come, after one of three moments: the run's "State store:" line (it starts and reads last
    /// activities), Trakt's 401 on that read (the refresh is about to leave or waits before rotation), Trakt's
    /// rotation of the pair (its answer on the way for <see cref="AnswerDelay"/>, then the retried read). All short
    /// of the run's end (a history page follows), so every signal meets a running process.
    /// </summary>
    private static readonly (Anchor From, TimeSpan Offset)[] Signals =
    [
        (Anchor.RunStart, TimeSpan.Zero),
        (Anchor.Trakt401, TimeSpan.FromMilliseconds(100)),
        .. Enumerable.Range(0, 9).Select(i => (Anchor.TraktRotated, TimeSpan.FromMilliseconds(i * 100))),
    ];

    private enum Anchor { RunStart, Trakt401, TraktRotated }

    private enum Landed { BeforeTraktRotated, AnswerOnItsWay, AfterTheAnswer }

    [Fact]
    public async Task SIGTERM_at_any_moment_around_the_start_of_run_token_refresh_never_loses_the_login()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 40, seed: 81);
        bed.Environment[SettingNames.LogLevel] = "DEBUG";
        var h = bed.Harness;
        await h.BackfillAsync();
        var changes = new RandomHistoryChanges(h.Simulator.History, new Random(81), DateTimeOffset.UtcNow.AddDays(-1));
        var landed = Enum.GetValues<Landed>().ToDictionary(l => l, _ => 0);

        foreach (var (anchor, offset) in Signals)
        {
            // A new play, so the run goes on to read a history page after the refresh; every access token expired.
            changes.Apply(RandomHistoryChanges.Kind.NewPlay);
            h.Simulator.Auth.ExpireAccessTokens();
            h.Simulator.Requests.Reset();
            var refreshesBefore = h.Simulator.Auth.RefreshCount;
            h.Simulator.Options.Latency = Latency;
            h.Simulator.Options.RefreshAnswerDelay = AnswerDelay;

            using var cli = bed.Start("--once", "incremental", "--no-influx");
            await cli.WaitForStdoutAsync(o => o.Contains(" State store: ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the run's start");
            while ((anchor == Anchor.Trakt401 && !h.Simulator.Requests.All.Any(r => r.Status == 401))
                   || (anchor == Anchor.TraktRotated && h.Simulator.Auth.RefreshCount == refreshesBefore))
            {
                await Task.Delay(5);
            }

            await Task.Delay(offset);
            var at = h.Simulator.Auth.RefreshCount == refreshesBefore ? Landed.BeforeTraktRotated
                : h.Simulator.Requests.Count("/oauth/token", "POST") == 0 ? Landed.AnswerOnItsWay
                : Landed.AfterTheAnswer;
            cli.Signal(CliProcess.SigTerm);
            var stopped = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
            h.Simulator.Options.Latency = TimeSpan.Zero;
            h.Simulator.Options.RefreshAnswerDelay = TimeSpan.Zero;
            landed[at]++;
            output.WriteLine($"SIGTERM {offset.TotalMilliseconds:0} ms after {anchor}: {at}; exit {stopped.ExitCode}; " +
                             $"refresh grants {h.Simulator.Auth.RefreshCount - refreshesBefore}");

            Assert.True(stopped.ExitCode == 143, stopped.ToString());
            Assert.Contains("Stopped by SIGTERM", stopped.Stderr);
            bed.AssertNoSecrets(stopped);
            Assert.DoesNotContain(h.Simulator.Requests.All, r => r.Path == "/oauth/token" && r.Status != 200);
            var tokens = bed.StoredTokens()!;
            Assert.True(h.Simulator.Auth.IsRefreshTokenValid(tokens.RefreshToken), $"the login was lost:\n{stopped}");
            Assert.Null(tokens.RefreshSentAt);

            // The following run refreshes with the stored token and syncs, without anyone connecting again.
            h.Simulator.Auth.ExpireAccessTokens();
            await h.SyncAsync();
        }

        output.WriteLine(string.Join(", ", landed.Select(l => $"{l.Key} {l.Value}")));
        Assert.All(landed, l => Assert.True(l.Value > 0, $"no SIGTERM landed {l.Key}"));
        Assert.True(landed[Landed.AnswerOnItsWay] >= 5, $"only {landed[Landed.AnswerOnItsWay]} SIGTERMs landed while the answer was on its way");
    }

    [Fact]
    public async Task A_SIGKILL_after_Trakt_rotated_the_pair_loses_the_login_and_the_next_run_says_so_and_what_to_run()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 40, seed: 82);
        var h = bed.Harness;
        await h.BackfillAsync();
        h.Simulator.Auth.ExpireAccessTokens();
        h.Simulator.Options.RefreshAnswerDelay = TimeSpan.FromSeconds(30);

        using (var cli = bed.Start("--once", "incremental", "--no-influx"))
        {
            for (var waited = 0; h.Simulator.Auth.RefreshCount == 0; waited++)
            {
                Assert.True(waited < 300, "the run never sent its refresh");
                await Task.Delay(100);
            }

            cli.Signal(CliProcess.SigKill);
            await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        h.Simulator.Options.RefreshAnswerDelay = TimeSpan.Zero;
        var sentAt = bed.StoredTokens()!.RefreshSentAt;
        Assert.NotNull(sentAt);

        var next = await bed.RunAsync("--once", "incremental", "--no-influx");

        Assert.True(next.ExitCode == 1, next.ToString());
        Assert.Contains($"The stored refresh token was rejected by Trakt (invalid_grant: session not found). A refresh with it was sent at {sentAt:u}", next.Stderr);
        Assert.Contains("(the process was killed, or the connection failed, during that exchange)", next.Stderr);
        Assert.Contains("so this login is lost; run Connect-Trakt again (or trakt-tracker --auth).", next.Stderr);
        bed.AssertNoSecrets(next);
    }
}
