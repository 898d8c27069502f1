using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TraktTracker.Simulator;

namespace TraktTracker.Tests.Simulator;

/// <summary>An HttpClient that talks to a simulator the way a well-behaved Trakt client does.</summary>
internal static class SimulatorHttp
{
    public static HttpClient Client(TraktSimulator simulator, string? accessToken = null, bool userAgent = true)
    {
        var client = new HttpClient { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("trakt-api-key", simulator.Options.ClientId);
        client.DefaultRequestHeaders.Add("trakt-api-version", "2");
        if (userAgent) client.DefaultRequestHeaders.UserAgent.ParseAdd("TraktTrackerTests/1.0");
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A client already holding a valid access token.</summary>
    public static HttpClient AuthedClient(TraktSimulator simulator) => Client(simulator, simulator.Auth.IssueTokens().AccessToken);

    public static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values)
        : throw new Xunit.Sdk.XunitException($"Response has no {name} header.");

    public static bool HasHeader(HttpResponseMessage response, string name) =>
        response.Headers.Contains(name) || response.Content.Headers.Contains(name);
}
