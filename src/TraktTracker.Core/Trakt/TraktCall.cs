using System.Net.Http.Headers;
using System.Text.Json;

namespace TraktTracker.Trakt;

/// <summary>One request as the transport sends it (and re-sends it on retries).</summary>
/// <param name="ExpectedStatuses">Non-2xx statuses the caller handles itself (e.g. device-poll 400 "pending").</param>
internal sealed record TraktCall(
    HttpMethod Method,
    Uri BaseUrl,
    string PathAndQuery,
    IReadOnlyDictionary<string, string?>? Body = null,
    string? BearerToken = null,
    IReadOnlySet<int>? ExpectedStatuses = null)
{
    /// <summary>For messages and logs: method and path, never a body (bodies carry secrets).</summary>
    public string Endpoint => $"{Method.Method} {PathAndQuery}";

    /// <summary>Records print every member by default, and the body and bearer token are secrets.</summary>
    public override string ToString() => $"TraktCall {{ {Endpoint} }}";

    public bool Expects(int status) => ExpectedStatuses?.Contains(status) == true;

    public static TraktCall Get(Uri baseUrl, string pathAndQuery, string bearerToken) =>
        new(HttpMethod.Get, baseUrl, pathAndQuery, BearerToken: bearerToken);

    public static TraktCall Post(Uri baseUrl, string path, IReadOnlyDictionary<string, string?> body, params int[] expected) =>
        new(HttpMethod.Post, baseUrl, path, body, ExpectedStatuses: expected.ToHashSet());
}

/// <summary>A complete answer: status, headers and the parsed JSON body (null when the body was empty).</summary>
internal sealed record TraktResponse(int Status, HttpResponseHeaders Headers, JsonElement? Json, string Endpoint)
{
    public bool IsSuccess => Status is >= 200 and <= 299;

    public JsonElement RequireJson() => Json ??
        throw new TraktApiException($"Trakt's answer to {Endpoint} had an empty body where data was expected. Try again later; if it persists, report it.", Endpoint, Status);
}
