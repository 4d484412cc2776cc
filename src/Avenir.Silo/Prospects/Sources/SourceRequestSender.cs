using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>
/// Sends one source request through the quota and turns every failure into a <see cref="ProspectSourceException"/>:
/// waits for a free slot (<see cref="SourceQuota.AcquireAsync"/>), sends, and on 429 records the reset the
/// provider names (<c>Retry-After</c> or <c>x-ratelimit-reset</c>, else a minute) and tries again after it, up to
/// <see cref="MaxRateLimitRetries"/> times.
/// </summary>
public sealed class SourceRequestSender(string source, HttpClient http, SourceQuota quota, TimeProvider time)
{
    /// <summary>How many 429s in a row one call sits out before it reports <see cref="ProspectSourceFailure.RateLimited"/>.</summary>
    public const int MaxRateLimitRetries = 2;

    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sends <paramref name="createRequest"/>'s request (built anew per try) and returns a 2xx response, or the
    /// response when <paramref name="accept"/> says it is an answer (PDL's 404 "no records"); otherwise throws.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken, Func<HttpStatusCode, bool>? accept = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            await quota.AcquireAsync(cancellationToken);
            HttpResponseMessage response;
            try
            {
                using var request = createRequest();
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (BrokenCircuitException exception)
            {
                throw new ProspectSourceException(source, ProspectSourceFailure.CircuitOpen,
                    $"{source}: calls are suspended after repeated failures (circuit open).",
                    time.GetUtcNow() + (exception.RetryAfter ?? TimeSpan.FromMinutes(1)),
                    inner: exception);
            }
            catch (TimeoutRejectedException exception)
            {
                throw new ProspectSourceException(
                    source, ProspectSourceFailure.Unavailable, $"{source}: no answer in time ({exception.Timeout}).", inner: exception);
            }
            catch (HttpRequestException exception)
            {
                throw new ProspectSourceException(source, ProspectSourceFailure.Unavailable, $"{source}: {exception.Message}", inner: exception);
            }

            if (response.IsSuccessStatusCode || accept?.Invoke(response.StatusCode) == true)
            {
                return response;
            }

            using (response)
            {
                var now = time.GetUtcNow();
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var reset = now + (RateLimitHeaders.Wait(response.Headers, now) ?? DefaultRateLimitWait);
                    quota.BlockUntil(reset);
                    if (attempt < MaxRateLimitRetries)
                    {
                        continue; // AcquireAsync waits for the reset (or fails if it is too far away).
                    }

                    throw new ProspectSourceException(source, ProspectSourceFailure.RateLimited,
                        $"{source}: rate limited (429) {attempt + 1} times; the limit resets at {reset:u}. "
                        + $"{await ProviderMessageAsync(response, cancellationToken)}",
                        reset,
                        429);
                }

                throw await FailureAsync(response, cancellationToken);
            }
        }
    }

    private async Task<ProspectSourceException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = await ProviderMessageAsync(response, cancellationToken);
        var (failure, text) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (ProspectSourceFailure.Unauthorized, "the API key was refused (401): check the configured key"),
            HttpStatusCode.PaymentRequired => (ProspectSourceFailure.PaymentRequired, "the account has no credits left (402)"),
            HttpStatusCode.Forbidden => (ProspectSourceFailure.Forbidden, "the key may not use this endpoint (403): the plan does not include it"),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound =>
                (ProspectSourceFailure.InvalidRequest, $"the query was refused ({status})"),
            _ when status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout =>
                (ProspectSourceFailure.Unavailable, $"the service failed ({status}) after retries"),
            _ => (ProspectSourceFailure.InvalidRequest, $"unexpected answer {status}"),
        };
        return new ProspectSourceException(source, failure, $"{source}: {text}. {detail}".TrimEnd(), statusCode: status);
    }

    /// <summary>The provider's own words (its JSON <c>message</c>/<c>error</c>, else the start of the body).</summary>
    internal static async Task<string> ProviderMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (FindMessage(document.RootElement) is { Length: > 0 } message)
            {
                return "Provider: " + message;
            }
        }
        catch (JsonException)
        {
        }

        return "Provider: " + (body.Length > 300 ? body[..300] : body).Trim();
    }

    private static string? FindMessage(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }

        foreach (var name in (string[])["message", "error", "detail"])
        {
            if (element.TryGetProperty(name, out var value) && FindMessage(value) is { Length: > 0 } found)
            {
                return found;
            }
        }

        return null;
    }
}
