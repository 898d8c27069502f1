namespace TraktTracker.Influx;

/// <summary>What a projection run wrote.</summary>
/// <param name="DaysProjected">Outbox days (local days, plus the unknown-date key) written and cleared.</param>
/// <param name="RawPoints"><c>watch_event</c> points written.</param>
/// <param name="AggregatePoints"><c>watch_daily</c> points written.</param>
/// <param name="DaysPending">Days still dirty afterwards (0 after a complete run).</param>
public sealed record ProjectionResult(int DaysProjected, int RawPoints, int AggregatePoints, int DaysPending);
