using System.Reflection;
using TraktTracker.Benchmarks;

// Usage: dotnet run -c Release --project tests/TraktTracker.Benchmarks -- <name> [args]
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("Benchmarks (dotnet run -c Release --project tests/TraktTracker.Benchmarks -- <name>):");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-14} {b.Description}");
    }

    return args.Length > 0 ? 2 : 0;
}

await chosen.RunAsync(args[1..]);
return 0;
