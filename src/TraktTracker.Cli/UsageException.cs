namespace TraktTracker.Cli;

/// <summary>The command line itself is wrong (unknown flag, missing value, flags that contradict): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
