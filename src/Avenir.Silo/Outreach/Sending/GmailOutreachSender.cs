using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MimeKit;
using Polly.Timeout;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// Sends through the Gmail API: <c>POST {api}/gmail/v1/users/{userId}/messages/send</c> with <c>{"raw": base64url(RFC 822)}</c>
/// and a bearer token from <see cref="GmailAccessTokenSource"/>. A 401 refreshes the token once; 429 and 5xx are retried
/// by the HTTP client's pipeline honouring Retry-After (see <see cref="OutreachHttp"/>). Gmail reports no recipient
/// bounce synchronously: those come back as DSNs to the mailbox and are read over IMAP.
/// </summary>
public sealed class GmailOutreachSender(
    HttpClient http, GmailMailboxOptions options, GmailAccessTokenSource tokens, TimeProvider time, ILogger<GmailOutreachSender> logger) : IOutreachSender
{
    // RFC 5322 lines end in CRLF; MimeKit writes the platform's newline unless told.
    private static readonly FormatOptions WireFormat = CreateWireFormat();

    public string Transport => "gmail";

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    public async Task<OutreachSendResult> SendAsync(MimeMessage message, string? providerThreadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(WireFormat, buffer, cancellationToken);
        var request = new SendRequest(Base64Url.EncodeToString(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), providerThreadId);
        var url = new Uri(options.ApiBaseUrl, $"gmail/v1/users/{Uri.EscapeDataString(options.UserId)}/messages/send");

        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(cancellationToken);
            if (token.AccessToken is null)
            {
                return new(
                    token.Permanent ? OutreachSendStatus.Failed : OutreachSendStatus.Retryable, null, null, null, null, token.Error ?? "No access token.");
            }

            using var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(request) };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(post, cancellationToken);
            }
            catch (Exception transient) when (transient is HttpRequestException or TimeoutRejectedException
                || (transient is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                logger.LogWarning(transient, "Outreach <{MessageId}>: the Gmail API could not be reached", message.MessageId);
                return new(OutreachSendStatus.Retryable, null, null, null, null, $"The Gmail API could not be reached: {transient.Message}");
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    // The token was revoked or expired early: one refresh, then give up.
                    tokens.Invalidate(token.AccessToken);
                    continue;
                }

                return await ReadAsync(message, response, cancellationToken);
            }
        }
    }

    private async Task<OutreachSendResult> ReadAsync(MimeMessage message, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var sent = JsonSerializer.Deserialize<SendAnswer>(body);
            logger.LogInformation("Outreach <{MessageId}> accepted by Gmail as {GmailId} in thread {ThreadId}", message.MessageId, sent?.Id, sent?.ThreadId);
            return new(OutreachSendStatus.Accepted, sent?.Id, sent?.ThreadId, status, null, "Sent by the Gmail API.");
        }

        var error = GmailError.Parse(body);
        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        var outcome = status switch
        {
            401 => OutreachSendStatus.Failed,
            429 or >= 500 => OutreachSendStatus.Retryable,
            403 when error.IsRateLimit => OutreachSendStatus.Retryable,
            400 when error.IsInvalidRecipient => OutreachSendStatus.HardBounce,
            _ => OutreachSendStatus.Failed,
        };
        logger.LogWarning("Outreach <{MessageId}>: Gmail answered {Status} ({Reason}): {Message}", message.MessageId, status, error.Reason, error.Message);
        return new(outcome, null, null, status, null, $"Gmail {status} {error.Reason}: {error.Message}".Trim(), retryAfter);
    }

    private sealed record SendRequest(
        [property: JsonPropertyName("raw")] string Raw,
        [property: JsonPropertyName("threadId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ThreadId);

    private sealed record SendAnswer(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("threadId")] string? ThreadId);

    /// <summary>Google's error body: <c>{"error":{"code":…,"message":…,"errors":[{"reason":…}],"status":…}}</c>.</summary>
    private sealed record GmailError(string Reason, string Message)
    {
        public bool IsRateLimit => Reason is "rateLimitExceeded" or "userRateLimitExceeded" or "dailyLimitExceeded" or "quotaExceeded";

        public bool IsInvalidRecipient => Message.Contains("Invalid To header", StringComparison.OrdinalIgnoreCase)
            || Message.Contains("invalid recipient", StringComparison.OrdinalIgnoreCase);

        public static GmailError Parse(string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var error = document.RootElement.GetProperty("error");
                var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
                var reason = error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                    && errors[0].TryGetProperty("reason", out var r)
                    ? r.GetString() ?? ""
                    : error.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
                return new GmailError(reason, message);
            }
            catch (Exception notJson) when (notJson is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return new GmailError("", body.Length > 200 ? body[..200] : body);
            }
        }
    }
}
