using System.Security.Cryptography;

namespace TraktTracker.Simulator;

/// <summary>What an access token presented to the API turned out to be.</summary>
public enum AccessTokenState { Valid, Unknown, Expired }

/// <summary>
/// Trakt's OAuth server state: sessions (token pairs), authorization codes and device codes. Refresh tokens are
/// single-use and rotate both tokens; reusing one is <c>invalid_grant</c>. Thread-safe.
/// </summary>
public sealed class SimulatedAuth
{
    private readonly SimulatorOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<string, TokenSession> _byAccess = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenSession> _byRefresh = new(StringComparer.Ordinal);
    private readonly HashSet<string> _authorizationCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceCodeState> _deviceCodes = new(StringComparer.Ordinal);
    private int _refreshCount;

    internal SimulatedAuth(SimulatorOptions options) => _options = options;

    public DeviceFlowScript DeviceFlow { get; } = new();

    /// <summary>Successful refresh-token grants so far.</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    /// <summary>A valid token pair, as if the user had just authorized (for seeding tests).</summary>
    public (string AccessToken, string RefreshToken) IssueTokens()
    {
        var session = NewSession();
        return (session.AccessToken, session.RefreshToken);
    }

    /// <summary>A single-use code for the <c>authorization_code</c> grant.</summary>
    public string CreateAuthorizationCode()
    {
        var code = RandomToken(16);
        lock (_gate) _authorizationCodes.Add(code);
        return code;
    }

    /// <summary>Every access token issued so far answers 401 from now on; refresh tokens stay usable.</summary>
    public void ExpireAccessTokens()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            foreach (var session in _byAccess.Values) session.ExpiresAt = now;
        }
    }

    /// <summary>Kills every session, like Trakt's 2026 auth migration: 401 on the API, invalid_grant on refresh.</summary>
    public void InvalidateAllSessions()
    {
        lock (_gate)
        {
            _byAccess.Clear();
            _byRefresh.Clear();
        }
    }

    public bool IsRefreshTokenValid(string refreshToken)
    {
        lock (_gate) return _byRefresh.ContainsKey(refreshToken);
    }

    public AccessTokenState CheckAccessToken(string accessToken)
    {
        lock (_gate)
        {
            if (!_byAccess.TryGetValue(accessToken, out var session)) return AccessTokenState.Unknown;
            return DateTimeOffset.UtcNow < session.ExpiresAt ? AccessTokenState.Valid : AccessTokenState.Expired;
        }
    }

    internal TokenSession? RedeemAuthorizationCode(string code)
    {
        lock (_gate)
        {
            if (!_authorizationCodes.Remove(code)) return null;
        }
        return NewSession();
    }

    /// <summary>Rotates both tokens; the presented refresh token dies at once, whatever happens next.</summary>
    internal TokenSession? Refresh(string refreshToken)
    {
        lock (_gate)
        {
            if (!_byRefresh.Remove(refreshToken, out var old)) return null;
            if (_options.RefreshRevokesOldAccessToken) _byAccess.Remove(old.AccessToken);
            _refreshCount++;
        }
        return NewSession();
    }

    /// <summary>Revoking an access token ends its session, refresh token included.</summary>
    internal void Revoke(string token)
    {
        lock (_gate)
        {
            if (_byAccess.Remove(token, out var session) || _byRefresh.Remove(token, out session))
            {
                _byAccess.Remove(session.AccessToken);
                _byRefresh.Remove(session.RefreshToken);
            }
        }
    }

    internal DeviceCodeState CreateDeviceCode()
    {
        var state = new DeviceCodeState(RandomToken(32), DateTimeOffset.UtcNow);
        lock (_gate) _deviceCodes[state.DeviceCode] = state;
        return state;
    }

    internal DeviceCodeState? FindDeviceCode(string deviceCode)
    {
        lock (_gate) return _deviceCodes.GetValueOrDefault(deviceCode);
    }

    internal TokenSession NewSession()
    {
        var session = new TokenSession(RandomToken(32), RandomToken(32),
            DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), _options.AccessTokenLifetime);
        lock (_gate)
        {
            _byAccess[session.AccessToken] = session;
            _byRefresh[session.RefreshToken] = session;
        }
        return session;
    }

    /// <summary>64 hex characters for 32 bytes, the shape of Trakt's tokens.</summary>
    private static string RandomToken(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
