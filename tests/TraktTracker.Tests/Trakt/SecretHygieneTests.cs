using TraktTracker.Simulator;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class SecretHygieneTests
{
    [Fact]
    public async Task No_token_or_secret_reaches_a_message_an_excerpt_or_the_reporter()
    {
        await using var bed = await TraktTestBed.StartAsync();
        var (_, consumed) = bed.Simulator.Auth.IssueTokens();
        await bed.Client.RedeemRefreshTokenAsync(consumed, CancellationToken.None);
        var failures = new List<Exception>();

        // Retries, an automatic refresh, a refused refresh, an echoed secret in an error body, a device code.
        bed.Simulator.Faults.Enqueue(SimFault.ServerError(502), "/sync/history", times: 2);
        bed.Simulator.Auth.ExpireAccessTokens();
        await bed.Client.GetHistoryPageAsync(new HistoryRequest(), 1, CancellationToken.None);
        failures.Add(await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.RedeemRefreshTokenAsync(consumed, CancellationToken.None)));
        var current = bed.Store.LoadTokens()!;
        bed.Simulator.Faults.Enqueue(SimFault.Status(422, $$"""{"error":"echo {{current.AccessToken}} {{bed.Simulator.Options.ClientSecret}}"}"""), "/users/settings");
        failures.Add(await Assert.ThrowsAsync<TraktApiException>(() => bed.Client.GetUserSettingsAsync(CancellationToken.None)));
        bed.Simulator.Auth.DeviceFlow.Interval = 0;
        bed.Simulator.Auth.DeviceFlow.Outcome = 418;
        var code = await bed.Client.RequestDeviceCodeAsync(CancellationToken.None);
        failures.Add(await Assert.ThrowsAsync<TraktAuthException>(() => bed.Client.PollDeviceTokenAsync(code, CancellationToken.None)));

        var secrets = bed.Secrets(consumed, code.Code).ToList();
        Assert.True(secrets.Count >= 6, "the scenario should have produced several tokens");
        var visible = failures.SelectMany(f => new[] { f.Message, f.ToString(), (f as TraktApiException)?.ResponseBodyExcerpt ?? "" })
            .Concat(bed.Reporter.Lines)
            .Append(current.ToString())
            .Append(code.ToString())
            .Append(bed.ClientOptions.ToString())
            .ToList();
        Assert.Contains(visible, line => line.Contains("retry", StringComparison.Ordinal));
        Assert.Contains(visible, line => line.Contains("***", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(visible, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
