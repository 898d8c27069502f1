using TraktTracker.Influx;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>
/// Knobs that are not user settings: the clock, and client options such as retry back-off steps
/// (tests and benchmarks shorten them; users get the defaults).
/// </summary>
public sealed record RuntimeTuning
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Func<TraktClientOptions, TraktClientOptions> AdjustClient { get; init; } = options => options;

    /// <summary>Batching and retry steps of the InfluxDB writer.</summary>
    public InfluxWriterOptions InfluxOptions { get; init; } = new();
}
