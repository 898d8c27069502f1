using TraktTracker.TestSupport.Influx;
using Xunit;

namespace TraktTracker.Tests.Influx;

/// <summary>One real influxd for every test class in the collection; each test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class InfluxServerCollection : ICollectionFixture<InfluxDbServer>
{
    public const string Name = "influxd";
}
