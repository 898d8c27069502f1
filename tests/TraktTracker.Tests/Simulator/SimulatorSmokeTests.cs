using System.Net;
using TraktTracker.Simulator;
using Xunit;

namespace TraktTracker.Tests.Simulator;

public sealed class SimulatorSmokeTests
{
    [Fact]
    public async Task Serves_a_history_page_to_an_authorized_client()
    {
        await using var simulator = await TraktSimulator.StartAsync();
        simulator.History.SeedRandom(300, seed: 7);
        using var client = SimulatorHttp.AuthedClient(simulator);

        using var response = await client.GetAsync("sync/history?limit=250&extended=full");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SimulatorHttp.ReadJsonAsync(response);
        Assert.Equal(250, page.GetArrayLength());
        Assert.Equal("300", SimulatorHttp.Header(response, "X-Pagination-Item-Count"));
        Assert.True(SimulatorHttp.HasHeader(response, "x-runtime"));
    }
}
