using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TraktTracker.Report;
using Xunit.Abstractions;

namespace TraktTracker.Tests.Stats.Chromium;

/// <summary>
/// The report as a person sees it: opened from disk in headless chromium with no network, at desktop and phone
/// widths. Screenshots go to screenshots/ in the test output folder.
/// </summary>
public sealed class ReportBrowserTests(StatsHistory history, ITestOutputHelper output) : IClassFixture<StatsHistory>
{
    private const string Inspect = """
        (() => {
          const all = s => [...document.querySelectorAll(s)];
          const charts = all('svg.chart');
          return JSON.stringify({
            bars: all('svg.chart rect.bar').length,
            days: all('svg.calendar rect.day').length,
            slots: all('svg.weekday-hour rect.slot').length,
            topBars: all('.hbar').length,
            drawn: charts.filter(c => { const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
            charts: charts.length,
            headlinePlays: document.querySelector('#totals-section .card b').innerText,
            tablePlays: all('#totals tr').find(r => r.cells[0].textContent === 'Plays').cells[1].textContent,
            width: document.documentElement.scrollWidth,
          });
        })()
        """;

    [Fact]
    public async Task The_report_renders_offline_without_errors_on_desktop_and_phone_widths()
    {
        ReportFile file;
        using (var runtime = history.Open())
        {
            file = runtime.ExportReport(Path.Combine(history.OutputFolder, "browser", "report.html"), StatsHistory.ReviewYear);
        }

        var url = new Uri(file.Path).AbsoluteUri;
        await using var chromium = await HeadlessChromium.StartAsync();
        var tab = await chromium.OpenTabAsync();
        foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" })
        {
            await chromium.CallAsync($"{domain}.enable", session: tab);
        }

        await Emulate(chromium, tab, width: 1280, height: 900, mobile: false);
        var loaded = chromium.Events.Count;
        await chromium.CallAsync("Page.navigate", new JsonObject { ["url"] = url }, tab);
        await chromium.WaitForEventAsync("Page.loadEventFired", loaded);
        var desktop = await InspectAsync(chromium, tab);
        await ScreenshotAsync(chromium, tab, "report-desktop.png");
        await Emulate(chromium, tab, width: 390, height: 844, mobile: true);
        var phone = await InspectAsync(chromium, tab);
        await ScreenshotAsync(chromium, tab, "report-phone.png");

        var errors = chromium.Events.Where(e => e.Method == "Runtime.exceptionThrown"
            || (e.Method == "Runtime.consoleAPICalled" && e.Params["type"]!.GetValue<string>() is "error" or "assert" or "warning")
            || (e.Method == "Log.entryAdded" && e.Params["entry"]!["level"]!.GetValue<string>() is "error" or "warning"));
        Assert.Empty(errors.Select(e => e.Params.ToJsonString()));
        // The recorder sees the document's own request, and nothing else was asked for.
        Assert.Equal([url], chromium.Events.Where(e => e.Method == "Network.requestWillBeSent")
            .Select(e => e.Params["request"]!["url"]!.GetValue<string>()).Distinct());

        var plays = file.Plays;
        Assert.Equal(plays.ToString("N0", CultureInfo.InvariantCulture), desktop.GetProperty("headlinePlays").GetString());
        Assert.Equal(plays.ToString(CultureInfo.InvariantCulture), desktop.GetProperty("tablePlays").GetString());
        // Months from 2023-01 to 2025-06 twice (plays, hours) plus the review year's 12 twice; a calendar per year
        // (2023, 2024, 2025) plus the review year's; 7 x 24 weekday-hour slots; top shows and movies, twice.
        Assert.Equal((30 + 12) * 2, desktop.GetProperty("bars").GetInt32());
        Assert.Equal(365 + 366 + 365 + 366, desktop.GetProperty("days").GetInt32());
        Assert.Equal(168, desktop.GetProperty("slots").GetInt32());
        Assert.True(desktop.GetProperty("topBars").GetInt32() >= 4 * 5);
        Assert.Equal(desktop.GetProperty("charts").GetInt32(), desktop.GetProperty("drawn").GetInt32());
        Assert.Equal(desktop.GetProperty("charts").GetInt32(), phone.GetProperty("drawn").GetInt32());
        Assert.True(phone.GetProperty("width").GetInt32() <= 390, $"the page is {phone.GetProperty("width")} px wide on a 390 px phone");
    }

    private static Task Emulate(HeadlessChromium chromium, string tab, int width, int height, bool mobile)
        => chromium.CallAsync("Emulation.setDeviceMetricsOverride",
            new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = mobile }, tab);

    private static async Task<JsonElement> InspectAsync(HeadlessChromium chromium, string tab)
    {
        var result = await chromium.CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = Inspect, ["returnByValue"] = true }, tab);
        Assert.Null(result["exceptionDetails"]);
        return JsonDocument.Parse(result["result"]!["value"]!.GetValue<string>()).RootElement.Clone();
    }

    /// <summary>The whole page, not just the viewport.</summary>
    private async Task ScreenshotAsync(HeadlessChromium chromium, string tab, string name)
    {
        var size = (await chromium.CallAsync("Page.getLayoutMetrics", session: tab))["cssContentSize"]!;
        var shot = await chromium.CallAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject
            {
                ["x"] = 0, ["y"] = 0, ["width"] = size["width"]!.GetValue<double>(), ["height"] = size["height"]!.GetValue<double>(), ["scale"] = 1,
            },
        }, tab);
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName, name);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
        output.WriteLine($"Screenshot: {path}");
    }
}
