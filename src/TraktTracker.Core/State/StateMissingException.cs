namespace TraktTracker.State;

/// <summary>There is no state store at <see cref="Path"/>, and the operation only reads or changes an existing one.</summary>
public sealed class StateMissingException : StateStoreException
{
    public StateMissingException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The state store path that does not exist.</summary>
    public string Path { get; }
}
