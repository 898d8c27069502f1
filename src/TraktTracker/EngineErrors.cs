using System.Management.Automation;
using TraktTracker.Config;

namespace TraktTracker.Commands;

/// <summary>Turns engine exceptions into ErrorRecords with a stable id and a real category.</summary>
internal static class EngineErrors
{
    private sealed record Kind(string Id, ErrorCategory Category);

    // Exceptions of engine areas built on other branches are matched by full type name,
    // walking base types, so the mapping needs no compile-time reference to them.
    private static readonly Dictionary<string, Kind> ByTypeName = new(StringComparer.Ordinal)
    {
        ["TraktTracker.Trakt.TraktAuthException"] = new(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
        ["TraktTracker.Trakt.TraktApiException"] = new(ErrorIds.ApiUnavailable, ErrorCategory.ConnectionError),
        ["TraktTracker.State.StateLockedException"] = new(ErrorIds.StateLocked, ErrorCategory.ResourceBusy),
        ["TraktTracker.State.StateStoreException"] = new(ErrorIds.StateUnavailable, ErrorCategory.ReadError),
        ["TraktTracker.Influx.InfluxException"] = new(ErrorIds.InfluxUnavailable, ErrorCategory.ConnectionError),
    };

    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        var kind = Classify(exception);
        var record = new ErrorRecord(exception, kind.Id, kind.Category, target);
        if (exception.InnerException is not null)
        {
            // The whole chain: "could not load e_sqlite3" hides under two wrappers otherwise.
            record.ErrorDetails = new ErrorDetails(MessageChain(exception));
        }

        return record;
    }

    public static string MessageChain(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" ---> ", messages);
    }

    private static Kind Classify(Exception exception)
    {
        switch (exception)
        {
            case ConfigurationException:
                return new(ErrorIds.ConfigurationInvalid, ErrorCategory.InvalidArgument);
            case OperationCanceledException:
                return new(ErrorIds.OperationStopped, ErrorCategory.OperationStopped);
        }

        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName is { } name && ByTypeName.TryGetValue(name, out var kind))
            {
                return kind;
            }
        }

        return new(ErrorIds.Unexpected, ErrorCategory.NotSpecified);
    }
}
