using TraktTracker.Influx;
using TraktTracker.State;
using TraktTracker.TestSupport.Influx;

namespace TraktTracker.Tests.Influx;

/// <summary>
/// A real SQLite state store in a temp folder, a fresh database on a real influxd for both buckets, and a projector
/// between them, in TIMEZONE Europe/Berlin unless told otherwise.
/// </summary>
internal sealed class ProjectionTestBed : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "trakttracker-projection-" + Guid.NewGuid().ToString("N")[..12]);

    private ProjectionTestBed(InfluxDbServer server, string database, TimeZoneInfo timeZone, InfluxWriterOptions? options, IRunReporter? reporter, int batchLines)
    {
        Server = server;
        Database = database;
        Store = StateStore.Open(Path.Combine(folder, "state.db"));
        Writer = new InfluxV1Writer(server.Url, options: options ?? FastRetries);
        Projector = new InfluxProjector(Writer, new ProjectionCalendar(timeZone), database, database, reporter, batchLines);
    }

    /// <summary>Retries that give up within a fraction of a second, for outage tests.</summary>
    public static InfluxWriterOptions FastRetries { get; } = new()
    {
        Retry = InfluxWriterOptions.DefaultRetry with
        {
            MaxRetries = 2,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(5),
        },
    };

    public static TimeZoneInfo Berlin { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public InfluxDbServer Server { get; }

    /// <summary>Raw and aggregate bucket in one database: the measurements keep them apart.</summary>
    public string Database { get; }

    public StateStore Store { get; }

    public InfluxV1Writer Writer { get; }

    public InfluxProjector Projector { get; }

    public static async Task<ProjectionTestBed> CreateAsync(
        InfluxDbServer server, TimeZoneInfo? timeZone = null, InfluxWriterOptions? options = null, IRunReporter? reporter = null, int batchLines = 5000)
        => new(server, await server.CreateDatabaseAsync(), timeZone ?? Berlin, options, reporter, batchLines);

    public ChangeResult Insert(params WatchEvent[] plays) => Store.ApplyChanges(new ChangeSet { Inserts = plays }, Projector.DayKeyOf);

    public ChangeResult Delete(params long[] historyIds) => Store.ApplyChanges(new ChangeSet { DeleteIds = historyIds }, Projector.DayKeyOf);

    public Task<ProjectionResult> ProjectAsync() => Projector.ProjectAsync(Store, CancellationToken.None);

    public Task<IReadOnlyList<InfluxRow>> EventsAsync()
        => Server.QueryAsync(Database, $"SELECT * FROM \"{ProjectionSchema.EventMeasurement}\"");

    public Task<IReadOnlyList<InfluxRow>> DailyAsync(string mediaType = ProjectionSchema.AllMediaTypes)
        => Server.QueryAsync(Database, $"SELECT * FROM \"{ProjectionSchema.DailyMeasurement}\" WHERE \"media_type\" = '{mediaType}'");

    public void Dispose()
    {
        Writer.Dispose();
        Store.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
