namespace TraktTracker.Benchmarks;

/// <summary>One named benchmark: prints its figures, asserts nothing.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(string[] args);
}
