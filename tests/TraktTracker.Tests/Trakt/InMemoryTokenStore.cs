using System.Collections.Concurrent;
using TraktTracker.Trakt;

namespace TraktTracker.Tests.Trakt;

/// <summary>The token store for client tests (the real one lives in the state store). Logs saves into a shared event list.</summary>
internal sealed class InMemoryTokenStore(ConcurrentQueue<string>? events = null) : ITokenStore
{
    private readonly object _gate = new();
    private StoredTokens? _tokens;

    public ConcurrentQueue<string> Events { get; } = events ?? new ConcurrentQueue<string>();

    public int SaveCount { get; private set; }

    public StoredTokens? LoadTokens()
    {
        lock (_gate) return _tokens;
    }

    public void SaveTokens(StoredTokens tokens)
    {
        lock (_gate)
        {
            _tokens = tokens;
            SaveCount++;
        }

        Events.Enqueue($"save {tokens.AccessToken}");
    }

    public void MarkRefreshSent(DateTimeOffset at)
    {
        string refreshToken;
        lock (_gate)
        {
            _tokens = _tokens! with { RefreshSentAt = _tokens.RefreshSentAt ?? at };
            refreshToken = _tokens.RefreshToken;
        }

        Events.Enqueue($"refresh {refreshToken}");
    }

    public void Seed(string accessToken, string refreshToken, DateTimeOffset expiresAt)
    {
        lock (_gate) _tokens = new StoredTokens(accessToken, refreshToken, expiresAt, "public");
    }
}
