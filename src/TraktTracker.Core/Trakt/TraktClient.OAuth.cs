namespace TraktTracker.Trakt;

/// <summary>OAuth on <see cref="TraktClientOptions.AuthUrl"/>. Every grant stores the new pair first.</summary>
public sealed partial class TraktClient
{
    /// <summary>Trakt's redirect URI for clients without a web page (device flow, pasted codes).</summary>
    private const string OutOfBandRedirect = "urn:ietf:wg:oauth:2.0:oob";

    public async Task<DeviceCode> RequestDeviceCodeAsync(CancellationToken ct)
    {
        var body = new Dictionary<string, string?> { ["client_id"] = _options.ClientId };
        var response = await _transport.SendAsync(TraktCall.Post(_options.AuthUrl, "/oauth/device/code", body), ct);
        var json = response.RequireJson();
        var code = new DeviceCode(
            JsonLookup.String(json, "device_code") ?? throw MissingField(response, "device_code"),
            JsonLookup.String(json, "user_code") ?? throw MissingField(response, "user_code"),
            JsonLookup.String(json, "verification_url") ?? throw MissingField(response, "verification_url"),
            TimeSpan.FromSeconds(JsonLookup.Number(json, "expires_in") ?? throw MissingField(response, "expires_in")),
            TimeSpan.FromSeconds(JsonLookup.Number(json, "interval") ?? 5));
        _scrubber.Add(code.Code);
        return code;
    }

    /// <summary>Revokes <paramref name="token"/> (an access token: Trakt ends its whole session) at Trakt.</summary>
    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _scrubber.Add(token);
        await _transport.SendAsync(TraktCall.Post(_options.AuthUrl, "/oauth/revoke", WithClient(new() { ["token"] = token })), ct);
    }

    /// <summary>
    /// Polls until the user approved the code (tokens stored and returned), denied it, or it expired.
    /// 400 means "pending"; 429 means "slow down" and lengthens the interval.
    /// </summary>
    public async Task<StoredTokens> PollDeviceTokenAsync(DeviceCode code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(code);
        var deadline = _options.Time.GetUtcNow() + code.ExpiresIn;
        var interval = code.Interval;
        var body = WithClient(new Dictionary<string, string?> { ["code"] = code.Code });
        var call = TraktCall.Post(_options.AuthUrl, "/oauth/device/token", body, 400, 404, 409, 410, 418, 429);
        while (true)
        {
            await Task.Delay(interval, _options.Time, ct);
            if (_options.Time.GetUtcNow() >= deadline)
            {
                throw DeviceFailure(call.Endpoint, null,
                    $"The device code expired after {code.ExpiresIn.TotalSeconds:0} s without being approved at {code.VerificationUrl}");
            }

            var response = await _transport.SendAsync(call, ct);
            switch (response.Status)
            {
                case 400:
                    continue;
                case 429:
                    interval += _options.DeviceSlowDownStep;
                    _reporter.Verbose($"Trakt asked to poll more slowly; polling every {interval.TotalSeconds:0.#} s.");
                    continue;
                case >= 200 and <= 299:
                    return AcceptTokens(response);
                default:
                    throw DeviceFailure(call.Endpoint, response.Status, DeviceOutcome(response.Status));
            }
        }
    }

    /// <summary>The authorization-code grant: a code the user pasted from Trakt's authorize page.</summary>
    public Task<StoredTokens> ExchangeAuthorizationCodeAsync(string code, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var grant = new Dictionary<string, string?> { ["code"] = code, ["grant_type"] = "authorization_code" };
        return GrantAsync(grant, rejection =>
            $"Trakt rejected the authorization code ({rejection}). Codes are single-use and short-lived: get a new one " +
            "and run Connect-Trakt -AuthCode again, or use the device flow (Connect-Trakt without parameters)", ct);
    }

    /// <summary>
    /// Redeems a refresh token for a new pair. Refresh tokens are single-use, so the new pair is saved to the
    /// token store before this returns (and before its access token is used anywhere). <paramref name="ct"/> can stop
    /// it only before the request is sent: see <see cref="RedeemAsync"/>.
    /// </summary>
    public Task<StoredTokens> RedeemRefreshTokenAsync(string refreshToken, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        ct.ThrowIfCancellationRequested();
        return RedeemAsync(refreshToken, interruptedAt: null);
    }

    /// <summary>The refresh of the stored pair that a run makes when its access token expired.</summary>
    private async Task<StoredTokens> RefreshStoredAsync(StoredTokens stored)
    {
        var tokens = await RedeemAsync(stored.RefreshToken, stored.RefreshSentAt);
        _reporter.Verbose($"Refreshed the Trakt access token; it is valid until {tokens.ExpiresAt:u}.");
        return tokens;
    }

    /// <summary>
    /// Sends the refresh grant and stores the answer. Once the request has left, Trakt may rotate the pair at any
    /// moment and only its answer carries the new one, so the exchange runs to its end under its own timeout, never
    /// the caller's cancellation. <paramref name="interruptedAt"/>: when an earlier exchange with this token was
    /// sent and never finished, which makes a rejection mean "lost in that exchange".
    /// </summary>
    private async Task<StoredTokens> RedeemAsync(string refreshToken, DateTimeOffset? interruptedAt)
    {
        _scrubber.Add(refreshToken);
        var grant = new Dictionary<string, string?> { ["refresh_token"] = refreshToken, ["grant_type"] = "refresh_token" };
        using var exchange = new CancellationTokenSource(_options.TokenExchangeTimeout, _options.Time);
        try
        {
            return await GrantAsync(grant, rejection => RefreshRejected(rejection, interruptedAt), exchange.Token);
        }
        catch (OperationCanceledException) when (exchange.IsCancellationRequested)
        {
            throw new TraktApiException(
                $"Trakt did not answer the token refresh within {_options.TokenExchangeTimeout.TotalSeconds:0.#} s. If it " +
                "received the request, it has replaced the refresh token and the next run reports invalid_grant (then " +
                $"{TraktAuthException.ReconnectAdvice}); otherwise the next run refreshes normally.", "POST /oauth/token");
        }
    }

    private static string RefreshRejected(string rejection, DateTimeOffset? interruptedAt) => interruptedAt is { } sent
        ? $"The stored refresh token was rejected by Trakt ({rejection}). A refresh with it was sent at {sent:u} and its " +
          "answer never arrived or was never stored (the process was killed, or the connection failed, during that " +
          "exchange): Trakt had already replaced the token, and refresh tokens are single-use, so this login is lost; " +
          TraktAuthException.ReconnectAdvice
        : $"The stored refresh token was rejected by Trakt ({rejection}). Refresh tokens are single-use: this one was " +
          "already used (perhaps by another copy of TraktTracker), revoked, or issued before Trakt's 2026 " +
          $"authentication migration; {TraktAuthException.ReconnectAdvice}";

    private async Task<StoredTokens> GrantAsync(Dictionary<string, string?> grant, Func<string, string> rejectedMessage, CancellationToken ct)
    {
        grant["redirect_uri"] = OutOfBandRedirect;
        var call = TraktCall.Post(_options.AuthUrl, "/oauth/token", WithClient(grant), 400);
        var response = await _transport.SendAsync(call, ct);
        if (response.Status == 400)
        {
            var error = JsonLookup.String(response.Json ?? default, "error") ?? "error";
            var description = JsonLookup.String(response.Json ?? default, "error_description") ?? "no description";
            throw new TraktAuthException(
                _scrubber.Scrub(rejectedMessage($"{error}: {description}")) + ".", call.Endpoint, 400,
                _scrubber.Excerpt(response.Json?.GetRawText() ?? ""));
        }

        return AcceptTokens(response);
    }

    private StoredTokens AcceptTokens(TraktResponse response)
    {
        var json = response.RequireJson();
        var lifetime = TimeSpan.FromSeconds(JsonLookup.Number(json, "expires_in") ?? throw MissingField(response, "expires_in"));
        // From our clock at receipt, not Trakt's created_at: against a skewed local clock, created_at + expires_in
        // could read as already expired (a refresh before every request) or as valid long after Trakt ends it.
        var tokens = new StoredTokens(
            JsonLookup.String(json, "access_token") ?? throw MissingField(response, "access_token"),
            JsonLookup.String(json, "refresh_token") ?? throw MissingField(response, "refresh_token"),
            _options.Time.GetUtcNow() + lifetime,
            JsonLookup.String(json, "scope"));
        _tokens.Accept(tokens);
        return tokens;
    }

    private Dictionary<string, string?> WithClient(Dictionary<string, string?> body)
    {
        body["client_id"] = _options.ClientId;
        // Marked optional in the 2026 contract, but whether Trakt still accepts its absence is unconfirmed: send it.
        if (_options.ClientSecret is { } secret)
        {
            body["client_secret"] = secret;
        }

        return body;
    }

    private static string DeviceOutcome(int status) => status switch
    {
        404 => "Trakt does not know this device code (HTTP 404: invalid code)",
        409 => "This device code was already used (HTTP 409: it was approved before)",
        410 => "The device code expired (HTTP 410) before it was approved",
        418 => "The connection was denied on Trakt (HTTP 418: the user declined the code)",
        _ => $"Trakt answered the device poll with HTTP {status}",
    };

    private static TraktAuthException DeviceFailure(string endpoint, int? status, string what) =>
        new($"{what}; {TraktAuthException.ReconnectAdvice} to get a new code.", endpoint, status);

    private static TraktApiException MissingField(TraktResponse response, string field) =>
        new($"Trakt's answer to {response.Endpoint} lacks '{field}'. Try again later; if it persists, report it.",
            response.Endpoint, response.Status);
}
