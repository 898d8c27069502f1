using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TraktTracker.Scheduling;

namespace TraktTracker.Commands;

/// <summary>Completes -TimeZone with the IANA zone ids this machine knows (TIMEZONE takes IANA ids on every OS).</summary>
public sealed class TimeZoneCompleter : IArgumentCompleter
{
    private static readonly Lazy<IReadOnlyList<string>> ZoneIds = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(TimeZones.IanaId)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList());

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return ZoneIds.Value
            .Where(id => id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, id));
    }
}
