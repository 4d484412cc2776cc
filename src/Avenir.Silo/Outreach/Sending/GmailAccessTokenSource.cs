using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// An OAuth2 access token for one Gmail mailbox, obtained with its refresh token (RFC 6749 §6) and kept until a minute
/// before it expires. One per mailbox; concurrent callers share one refresh.
/// </summary>
public sealed class GmailAccessTokenSource(HttpClient http, GmailMailboxOptions options, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset expiresAt;

    /// <summary>A valid token, refreshed when missing or about to expire.</summary>
    public async Task<GmailTokenResult> GetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (token is not null && time.GetUtcNow() < expiresAt)
            {
                return GmailTokenResult.Ok(token);
            }

            return await RefreshAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Forgets <paramref name="rejected"/> (the API answered 401 to it) so the next call refreshes.</summary>
    public void Invalidate(string rejected)
    {
        if (string.Equals(token, rejected, StringComparison.Ordinal))
        {
            token = null;
        }
    }

    private async Task<GmailTokenResult> RefreshAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["refresh_token"] = options.RefreshToken,
        });
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(options.TokenEndpoint, form, cancellationToken);
        }
        catch (HttpRequestException failed)
        {
            return GmailTokenResult.Transient($"The token endpoint could not be reached: {failed.Message}");
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                // invalid_grant (revoked or expired refresh token), invalid_client: a person must re-authorise the mailbox.
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                return GmailTokenResult.Refused($"Google refused the refresh token ({(int)response.StatusCode}): {body}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return GmailTokenResult.Transient($"The token endpoint answered {(int)response.StatusCode}.");
            }

            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
            if (string.IsNullOrEmpty(answer?.AccessToken))
            {
                return GmailTokenResult.Transient("The token endpoint answered without an access_token.");
            }

            token = answer.AccessToken;
            expiresAt = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, answer.ExpiresIn)) - ExpiryMargin;
            return GmailTokenResult.Ok(token);
        }
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>A token, or why there is none (<see cref="Permanent"/>: re-authorise; else retry later).</summary>
public sealed record GmailTokenResult(string? AccessToken, bool Permanent, string? Error)
{
    internal static GmailTokenResult Ok(string token) => new(token, false, null);

    internal static GmailTokenResult Refused(string error) => new(null, true, error);

    internal static GmailTokenResult Transient(string error) => new(null, false, error);
}
