namespace TraktTracker.Trakt;

/// <summary>
/// The access token in use: loaded from the store, reused until it is about to expire, refreshed one caller at a
/// time. Refresh tokens are single-use, so a second concurrent refresh would kill the session, and so would a refresh
/// abandoned after it was sent: Trakt may rotate the pair at any moment after the request leaves, and only its answer
/// carries the new one. A run's stop is therefore honoured before the refresh is sent and right after the new pair is
/// stored, never in between (the exchange is bounded by its own timeout instead).
/// </summary>
internal sealed class AccessTokens : IDisposable
{
    private const string Endpoint = "token store";
    private readonly ITokenStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshMargin;
    private readonly SecretScrubber _scrubber;
    private readonly Func<StoredTokens, Task<StoredTokens>> _redeem;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private StoredTokens? _current;

    /// <param name="redeem">
    /// The OAuth refresh grant for the stored pair, under its own timeout; it must <see cref="Accept"/> the new pair
    /// before returning.
    /// </param>
    public AccessTokens(ITokenStore store, TraktClientOptions options, SecretScrubber scrubber,
        Func<StoredTokens, Task<StoredTokens>> redeem)
    {
        _store = store;
        _time = options.Time;
        _refreshMargin = options.TokenRefreshMargin;
        _scrubber = scrubber;
        _redeem = redeem;
    }

    /// <summary>A usable access token, refreshed first when it expires within the margin.</summary>
    public async Task<string> GetAsync(CancellationToken ct)
    {
        var tokens = Volatile.Read(ref _current) ?? Load();
        return ExpiresSoon(tokens) ? (await RefreshAsync(tokens.AccessToken, ct)).AccessToken : tokens.AccessToken;
    }

    /// <summary>
    /// Trakt rejected <paramref name="rejected"/>: refresh unless another caller already replaced it.
    /// Many concurrent 401s with the same token therefore cause one refresh.
    /// </summary>
    public async Task<string> ReplaceRejectedAsync(string rejected, CancellationToken ct) =>
        (await RefreshAsync(rejected, ct)).AccessToken;

    /// <summary>Persists a new pair before anyone can use it, then makes it current.</summary>
    public void Accept(StoredTokens tokens)
    {
        Remember(tokens);
        _store.SaveTokens(tokens);
        Volatile.Write(ref _current, tokens);
    }

    public void Dispose() => _refreshGate.Dispose();

    private async Task<StoredTokens> RefreshAsync(string stale, CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            // Re-read the store: another caller (or another process) may have rotated the pair meanwhile.
            var latest = Load();
            if (latest.AccessToken != stale && !ExpiresSoon(latest))
            {
                return latest;
            }

            ct.ThrowIfCancellationRequested();
            _store.MarkRefreshSent(_time.GetUtcNow());
            var fresh = await _redeem(latest);
            ct.ThrowIfCancellationRequested();
            return fresh;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private StoredTokens Load()
    {
        var tokens = _store.LoadTokens()
            ?? throw new TraktAuthException("Not connected to Trakt: run Connect-Trakt (or trakt-tracker --auth).", Endpoint);
        Remember(tokens);
        Volatile.Write(ref _current, tokens);
        return tokens;
    }

    private void Remember(StoredTokens tokens)
    {
        _scrubber.Add(tokens.AccessToken);
        _scrubber.Add(tokens.RefreshToken);
    }

    private bool ExpiresSoon(StoredTokens tokens) => tokens.ExpiresAt - _time.GetUtcNow() <= _refreshMargin;
}
