using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Crash;

/// <summary>
/// Tests that run the engine in child processes and kill them: their own influxd, and one test at a time, so the
/// kill timing is not disturbed by the rest of the suite's influx tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CrashCollection : ICollectionFixture<InfluxDbServer>
{
    public const string Name = "crash";
}
