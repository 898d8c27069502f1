namespace TraktTracker.State;

/// <summary>The state store cannot be used; the message names the file and what to do.</summary>
public class StateStoreException : Exception
{
    public StateStoreException(string message)
        : base(message)
    {
    }

    public StateStoreException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>Another run (or another program) holds the state store; waiting longer or later will help.</summary>
public sealed class StateLockedException : StateStoreException
{
    public StateLockedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The state file is not a TraktTracker store, or is damaged. It is left untouched.</summary>
public sealed class StateCorruptException : StateStoreException
{
    public StateCorruptException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
