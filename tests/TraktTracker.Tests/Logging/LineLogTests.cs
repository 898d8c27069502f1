using TraktTracker.Logging;

namespace TraktTracker.Tests.Logging;

/// <summary>The command line's log: whole lines, levels split over stdout/stderr, progress throttled.</summary>
public sealed class LineLogTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();
    private readonly SteppingClock _clock = new(DateTimeOffset.Parse("2026-11-24T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private LineLog Log(LogLevel minimum) => new(_output, _errors, minimum, _clock, TimeSpan.FromSeconds(5));

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Lines_carry_time_and_level_and_warnings_go_to_the_error_stream()
    {
        var log = Log(LogLevel.Debug);

        log.Verbose("checking");
        log.Info("done");
        log.Warning("careful");
        log.Error("broken");

        Assert.Equal(["2026-11-24T13:00:00+00:00 DEBUG checking", "2026-11-24T13:00:00+00:00 INFO  done"], Lines(_output));
        Assert.Equal(["2026-11-24T13:00:00+00:00 WARN  careful", "2026-11-24T13:00:00+00:00 ERROR broken"], Lines(_errors));
    }

    [Theory]
    [InlineData("DEBUG", 4)]
    [InlineData("INFO", 3)]
    [InlineData("warning", 2)]
    [InlineData("ERROR", 1)]
    [InlineData("CRITICAL", 0)]
    public void LOG_LEVEL_hides_everything_below_it(string setting, int shown)
    {
        var log = Log(LogLevels.FromSetting(setting));

        log.Verbose("v");
        log.Info("i");
        log.Warning("w");
        log.Error("e");

        Assert.Equal(shown, Lines(_output).Length + Lines(_errors).Length);
    }

    [Fact]
    public void Progress_prints_the_first_report_then_at_most_one_line_per_interval_and_activity()
    {
        var log = Log(LogLevel.Info);

        log.Progress("Trakt backfill", "Page 1 of 40", 2);
        _clock.Advance(TimeSpan.FromSeconds(2));
        log.Progress("Trakt backfill", "Page 2 of 40", 5);
        log.Progress("Projecting to InfluxDB", "day 1", -1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        log.Progress("Trakt backfill", "Page 9 of 40", 22);
        log.ProgressCompleted("Trakt backfill");
        log.Progress("Trakt backfill", "Page 1 of 2", 50);

        Assert.Equal(
        [
            "Trakt backfill: Page 1 of 40 (2%)",
            "Projecting to InfluxDB: day 1",
            "Trakt backfill: Page 9 of 40 (22%)",
            "Trakt backfill: Page 1 of 2 (50%)",
        ], Lines(_output).Select(l => l[32..]));
    }

    /// <summary>A clock the test moves by hand; its local zone is UTC so the stamps are fixed.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
