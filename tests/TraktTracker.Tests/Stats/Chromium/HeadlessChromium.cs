using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TraktTracker.Tests.Stats.Chromium;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol (a WebSocket on a loopback port). Every request
/// that is not loopback goes to a proxy that does not exist, so nothing leaves the machine; the page's console
/// messages, exceptions and network requests are recorded as protocol events.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ClientWebSocket socket;
    private readonly string profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> pending = new();
    private readonly ConcurrentQueue<(string Method, JsonNode Params)> events = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task reader;
    private int nextId;

    private HeadlessChromium(Process process, ClientWebSocket socket, string profile)
    {
        this.process = process;
        this.socket = socket;
        this.profile = profile;
        reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every protocol event so far, oldest first.</summary>
    public IReadOnlyList<(string Method, JsonNode Params)> Events => [.. events];

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("trakttracker-chromium-").FullName;
        var start = new ProcessStartInfo("chromium")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", $"--user-data-dir={profile}",
                     "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--no-first-run", "--no-default-browser-check",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                     "--hide-scrollbars", "about:blank",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("chromium is not installed: run 'apt-get install -y chromium' (bash .ci/run does).", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var endpoint = await DevToolsEndpointAsync(process);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(endpoint, new CancellationTokenSource(CallTimeout).Token);
        return new HeadlessChromium(process, socket, profile);
    }

    /// <summary>A new tab, attached in flat mode: calls for it carry its session id.</summary>
    public async Task<string> OpenTabAsync()
    {
        var target = await CallAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await CallAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true });
        return attached["sessionId"]!.GetValue<string>();
    }

    public async Task<JsonNode> CallAsync(string method, JsonObject? parameters = null, string? session = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, stop.Token);
        return await answer.Task.WaitAsync(CallTimeout);
    }

    /// <summary>Waits until an event named <paramref name="method"/> has arrived after the first <paramref name="seen"/> events.</summary>
    public async Task WaitForEventAsync(string method, int seen)
    {
        var deadline = Stopwatch.StartNew();
        while (!Events.Skip(seen).Any(e => e.Method == method))
        {
            if (deadline.Elapsed > CallTimeout)
            {
                throw new TimeoutException($"chromium sent no {method} within {CallTimeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        socket.Abort();
        socket.Dispose();
        await reader.ContinueWith(_ => { });
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        stop.Dispose();
        Directory.Delete(profile, recursive: true);
    }

    private static async Task<Uri> DevToolsEndpointAsync(Process process)
    {
        var timeout = new CancellationTokenSource(CallTimeout);
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            const string marker = "DevTools listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining stderr so chromium never blocks on a full pipe.
                _ = Task.Run(async () =>
                {
                    while (await process.StandardError.ReadLineAsync() is not null)
                    {
                    }
                });
                return new Uri(line[(at + marker.Length)..].Trim());
            }
        }

        throw new InvalidOperationException($"chromium exited without a DevTools endpoint:\n{seen}");
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Dispatch(JsonNode.Parse(message.ToArray())!);
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            foreach (var waiting in pending.Values)
            {
                waiting.TrySetException(ex);
            }
        }
    }

    private void Dispatch(JsonNode message)
    {
        if (message["id"] is { } id && pending.TryRemove(id.GetValue<int>(), out var answer))
        {
            if (message["error"] is { } error)
            {
                answer.SetException(new InvalidOperationException($"DevTools error: {error.ToJsonString()}"));
            }
            else
            {
                answer.SetResult(message["result"] ?? new JsonObject());
            }
        }
        else if (message["method"] is { } method)
        {
            events.Enqueue((method.GetValue<string>(), message["params"] ?? new JsonObject()));
        }
    }
}
