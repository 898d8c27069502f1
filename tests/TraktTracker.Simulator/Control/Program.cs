using System.Text.Json;
using TraktTracker.Simulator;
using TraktTracker.Simulator.Control;

// `dotnet TraktTracker.Simulator.dll`: the simulator as a process of its own. Prints one JSON line
// {"url": ..., "controlUrl": ...} once it listens, then serves until its stdin closes.
// Retry-After is 1 s, as in the in-process tests, so a rate-limit answer costs a test one second, not ten.
var options = new SimulatorOptions { RetryAfterSeconds = 1 };
await using var simulator = await TraktSimulator.StartAsync(options);
await using var control = await ControlServer.StartAsync(simulator);
Console.WriteLine(JsonSerializer.Serialize(new { url = simulator.BaseUrl, controlUrl = control.BaseUrl }));
Console.Out.Flush();
// The parent holds stdin open while it needs the simulator; a parent that dies closes it, so no orphan is left.
await Console.In.ReadToEndAsync();
