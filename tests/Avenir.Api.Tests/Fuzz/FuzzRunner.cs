using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Sends a run's requests over real HTTP, a few at a time, exactly as generated: no cookie jar, no redirects, no
/// canonicalisation of the path. Each request is made from its number only when it is sent, so a long run holds only
/// the outcomes in memory.
/// </summary>
public static class FuzzRunner
{
    private const int SnippetLength = 600;

    public static async Task<FuzzOutcome[]> RunAsync(Uri baseAddress, RequestGenerator generator, FuzzSettings settings)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            MaxConnectionsPerServer = settings.Parallelism,

            // Non-ASCII header values go out as UTF-8 bytes (HttpClient would refuse to send them): Kestrel must meet them.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        })
        {
            Timeout = TimeSpan.FromMinutes(1),
        };
        var outcomes = new FuzzOutcome[settings.Requests];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, settings.Requests),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism },
            async (index, cancellationToken) => outcomes[index] = await SendAsync(http, baseAddress, generator.Create(index), cancellationToken));
        return outcomes;
    }

    /// <summary>
    /// Sends once, and once more when the connection closed before any answer: Kestrel closes a connection after some
    /// refusals (a body it will not read), and a request already on its way over that connection is lost, not refused.
    /// A server that drops a request it was sent twice is still counted (no answer).
    /// </summary>
    private static async Task<FuzzOutcome> SendAsync(HttpClient http, Uri baseAddress, FuzzRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var first = await SendOnceAsync(http, baseAddress, request, cancellationToken);
        var outcome = first.Error is not null && first.Retriable
            ? await SendOnceAsync(http, baseAddress, request, cancellationToken) with { Retried = true }
            : first;
        request.Forget();
        return outcome with { Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    private static async Task<FuzzOutcome> SendOnceAsync(HttpClient http, Uri baseAddress, FuzzRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var message = Message(baseAddress, request);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            var (leadId, replayed) = request.Lead is not null ? LeadAnswer(response, body) : (null, false);
            return new FuzzOutcome
            {
                Request = request,
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                FromApplication = response.Headers.Contains("X-Frame-Options"),
                ProblemStatus = contentType == "application/problem+json" ? ProblemStatus(body) : null,
                BodyLength = body.Length,
                BodySnippet = (int)response.StatusCode >= 400 ? Snippet(body) : null,
                LeadId = leadId,
                Replayed = replayed,
            };
        }
        catch (Exception exception) // a refused connection, a reset, a timeout: no answer, which the verdicts count
        {
            return new FuzzOutcome
            {
                Request = request,
                Error = $"{exception.GetType().Name}: {exception.Message} {exception.InnerException?.Message}",
                Retriable = exception is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError }
                    // The same race seen from the writing side: the request was being written to a connection Kestrel had
                    // just closed after refusing another body (EPIPE: "broken pipe", or a reset).
                    or HttpRequestException { InnerException: IOException { InnerException: SocketException
                    {
                        SocketErrorCode: SocketError.Shutdown or SocketError.ConnectionReset,
                    } } },
            };
        }
    }

    private static HttpRequestMessage Message(Uri baseAddress, FuzzRequest request)
    {
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + request.PathAndQuery,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body is { } body)
        {
            message.Content = request.Chunked ? new ChunkedContent(body) : new ByteArrayContent(body);

            // As curl does for a large body: the server may refuse it (413, 401) before a byte of it is sent.
            message.Headers.ExpectContinue = body.Length > 16 * 1024 ? true : null;
            if (request.ContentType is { } contentType)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private static (Guid?, bool) LeadAnswer(HttpResponseMessage response, byte[] body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json" || (int)response.StatusCode is not (200 or 201))
        {
            return (null, false);
        }

        using var document = JsonDocument.Parse(body);
        var id = document.RootElement.TryGetProperty("id", out var value) && value.TryGetGuid(out var guid) ? guid : (Guid?)null;
        return (id, response.Headers.Contains("Idempotent-Replayed"));
    }

    private static int? ProblemStatus(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetLength));
        return body.Length > SnippetLength ? text + "…" : text;
    }

    /// <summary>A body sent with <c>Transfer-Encoding: chunked</c>: it says no length, so only a limit applied while reading can stop it.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
