using System.Buffers.Text;
using System.Text.Json;
using Avenir.Silo.Outreach.Sending;
using Avenir.Silo.Tests.Intelligence.Ai;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>
/// The Gmail API sender against a local server speaking Google's protocol: the OAuth2 refresh-token grant, messages.send
/// with a base64url RFC 822 body, one refresh on 401, 429/5xx retried honouring Retry-After, errors mapped to outcomes.
/// </summary>
public sealed class GmailSenderTests : IDisposable
{
    private const string SendPath = "/gmail/v1/users/me/messages/send";
    private readonly WireMockServer google = WireMockServer.Start();
    private readonly ListLoggerProvider logs = new();
    private readonly ServiceProvider services;
    private readonly FakeTimeProvider tokenClock = new(TestClock.DefaultOrigin);
    private readonly OutreachTestKit kit = new();
    private readonly GmailMailboxOptions mailbox;
    private readonly GmailAccessTokenSource tokens;
    private readonly GmailOutreachSender sender;

    public GmailSenderTests()
    {
        services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(logging => logging.AddProvider(logs))
            .AddOutreachGmailHttpClient()
            .Configure<GmailTransportOptions>(o =>
            {
                o.MaxRetries = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(10);
                o.MaxInlineRetryAfter = TimeSpan.FromSeconds(5);
            })
            .BuildServiceProvider();
        mailbox = new GmailMailboxOptions
        {
            ClientId = "client-123.apps.googleusercontent.com",
            ClientSecret = "secret-abc",
            RefreshToken = "1//refresh-xyz",
            ApiBaseUrl = new Uri(google.Url!),
            TokenEndpoint = new Uri(google.Url + "/token"),
        };
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(OutreachHttp.GmailClientName);
        tokens = new GmailAccessTokenSource(http, mailbox, tokenClock);
        sender = new GmailOutreachSender(http, mailbox, tokens, tokenClock, NullLogger<GmailOutreachSender>.Instance);
    }

    public void Dispose()
    {
        tokens.Dispose();
        services.Dispose();
        google.Stop();
        google.Dispose();
    }

    private void TokenAnswers(params string[] accessTokens)
    {
        for (var i = 0; i < accessTokens.Length; i++)
        {
            var step = google.Given(Request.Create().WithPath("/token").UsingPost()).InScenario("token");
            step = i == 0 ? step : step.WhenStateIs($"issued-{i}");
            step.WillSetStateTo($"issued-{i + 1}")
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                    .WithBody($"{{\"access_token\":\"{accessTokens[i]}\",\"expires_in\":3599,"
                        + $"\"scope\":\"https://www.googleapis.com/auth/gmail.send\",\"token_type\":\"Bearer\"}}"));
        }
    }

    private static IResponseBuilder Sent() => Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
        .WithBody("{\"id\":\"18c2f0a1b2c3d4e5\",\"threadId\":\"18c2f0a1b2c3d4e5\",\"labelIds\":[\"SENT\"]}");

    private static IResponseBuilder Error(int status, string reason, string message) => Response.Create()
        .WithStatusCode(status).WithHeader("Content-Type", "application/json")
        .WithBody($"{{\"error\":{{\"code\":{status},\"message\":\"{message}\","
            + $"\"errors\":[{{\"message\":\"{message}\",\"domain\":\"global\",\"reason\":\"{reason}\"}}],\"status\":\"X\"}}}}");

    private int Hits(string path) => google.LogEntries.Count(e => e.RequestMessage.Path == path);

    private (MimeMessage Message, string MessageId) Compose()
    {
        var composed = kit.Composer.Compose(OutreachTestKit.Request(
            Guid.NewGuid(), Guid.NewGuid(), "<p>Bonjour, <a href=\"https://cal.example.ca/marc\">réservez</a></p>", "Bonjour"));
        return (composed.Message, composed.MessageId);
    }

    [Fact]
    public async Task A_message_is_sent_as_base64url_RFC_822_with_a_token_from_the_refresh_grant()
    {
        TokenAnswers("ya29.first");
        google.Given(Request.Create().WithPath(SendPath).UsingPost().WithHeader("Authorization", "Bearer ya29.first")).RespondWith(Sent());
        var (message, messageId) = Compose();

        var result = await sender.SendAsync(message, "18c2f0a1b2c3d4e5", CancellationToken.None);

        Assert.Equal(new OutreachSendResult(OutreachSendStatus.Accepted, "18c2f0a1b2c3d4e5", "18c2f0a1b2c3d4e5", 200, null, result.Detail), result);
        var grant = google.LogEntries.Single(e => e.RequestMessage.Path == "/token").RequestMessage.Body!;
        Assert.Contains("grant_type=refresh_token", grant, StringComparison.Ordinal);
        Assert.Contains("refresh_token=1%2F%2Frefresh-xyz", grant, StringComparison.Ordinal);
        Assert.Contains("client_id=client-123.apps.googleusercontent.com", grant, StringComparison.Ordinal);
        Assert.Contains("client_secret=secret-abc", grant, StringComparison.Ordinal);

        using var body = JsonDocument.Parse(google.LogEntries.Single(e => e.RequestMessage.Path == SendPath).RequestMessage.Body!);
        Assert.Equal("18c2f0a1b2c3d4e5", body.RootElement.GetProperty("threadId").GetString());
        var raw = body.RootElement.GetProperty("raw").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]+$", raw);
        var bytes = Base64Url.DecodeFromChars(raw);
        Assert.Contains("\r\n\r\n", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        var sent = MimeMessage.Load(new MemoryStream(bytes));
        Assert.Equal(messageId, sent.MessageId);
        Assert.Equal("List-Unsubscribe=One-Click", sent.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task The_access_token_is_reused_until_it_expires()
    {
        TokenAnswers("ya29.first", "ya29.second");
        google.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Sent());

        await sender.SendAsync(Compose().Message, null, CancellationToken.None);
        await sender.SendAsync(Compose().Message, null, CancellationToken.None);
        Assert.Equal(1, Hits("/token"));

        tokenClock.Advance(TimeSpan.FromSeconds(3599 - 60));
        await sender.SendAsync(Compose().Message, null, CancellationToken.None);
        Assert.Equal(2, Hits("/token"));
        Assert.Equal("Bearer ya29.second", google.LogEntries.Last(e => e.RequestMessage.Path == SendPath).RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_sends()
    {
        TokenAnswers("ya29.revoked", "ya29.fresh");
        google.Given(Request.Create().WithPath(SendPath).UsingPost().WithHeader("Authorization", "Bearer ya29.revoked"))
            .RespondWith(Error(401, "authError", "Invalid Credentials"));
        google.Given(Request.Create().WithPath(SendPath).UsingPost().WithHeader("Authorization", "Bearer ya29.fresh")).RespondWith(Sent());

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal(OutreachSendStatus.Accepted, result.Status);
        Assert.Equal((2, 2), (Hits("/token"), Hits(SendPath)));
    }

    [Fact]
    public async Task A_second_401_is_a_failure_without_a_third_try()
    {
        TokenAnswers("ya29.a", "ya29.b", "ya29.c");
        google.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Error(401, "authError", "Invalid Credentials"));

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal((OutreachSendStatus.Failed, 401), (result.Status, result.StatusCode));
        Assert.Equal((2, 2), (Hits("/token"), Hits(SendPath)));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_it_gives()
    {
        TokenAnswers("ya29.first");
        google.Given(Request.Create().WithPath(SendPath).UsingPost()).InScenario("send").WillSetStateTo("limited")
            .RespondWith(Error(429, "rateLimitExceeded", "Too many concurrent requests for user").WithHeader("Retry-After", "1"));
        google.Given(Request.Create().WithPath(SendPath).UsingPost()).InScenario("send").WhenStateIs("limited").RespondWith(Sent());

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal(OutreachSendStatus.Accepted, result.Status);
        Assert.Equal(2, Hits(SendPath));
        var sends = google.LogEntries.Where(e => e.RequestMessage.Path == SendPath).Select(e => e.RequestMessage.DateTime).ToList();
        Assert.True(sends[1] - sends[0] >= TimeSpan.FromSeconds(0.95), $"retried after {sends[1] - sends[0]}");
        Assert.Contains(logs.Entries, e => e.Message.Contains("retry 1 after 00:00:01 (429)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported_retryable()
    {
        TokenAnswers("ya29.first");
        google.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Error(503, "backendError", "Backend Error"));

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal((OutreachSendStatus.Retryable, 503), (result.Status, result.StatusCode));
        Assert.Equal(3, Hits(SendPath));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_call_waits_is_handed_back_to_the_caller()
    {
        TokenAnswers("ya29.first");
        google.Given(Request.Create().WithPath(SendPath).UsingPost())
            .RespondWith(Error(429, "userRateLimitExceeded", "User-rate limit exceeded").WithHeader("Retry-After", "120"));

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal((OutreachSendStatus.Retryable, TimeSpan.FromSeconds(120)), (result.Status, result.RetryAfter));
        Assert.Equal(1, Hits(SendPath));
    }

    [Fact]
    public async Task A_revoked_refresh_token_fails_without_sending()
    {
        google.Given(Request.Create().WithPath("/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(400)
            .WithHeader("Content-Type", "application/json")
            .WithBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"));

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal(OutreachSendStatus.Failed, result.Status);
        Assert.Contains("invalid_grant", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, Hits(SendPath));
    }

    [Theory]
    [InlineData(400, "invalidArgument", "Invalid To header", OutreachSendStatus.HardBounce)]
    [InlineData(400, "failedPrecondition", "Mail service not enabled", OutreachSendStatus.Failed)]
    [InlineData(403, "userRateLimitExceeded", "User-rate limit exceeded", OutreachSendStatus.Retryable)]
    [InlineData(403, "insufficientPermissions", "Request had insufficient authentication scopes.", OutreachSendStatus.Failed)]
    public async Task Gmail_errors_map_to_outcomes(int status, string reason, string message, OutreachSendStatus expected)
    {
        TokenAnswers("ya29.first");
        google.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Error(status, reason, message));

        var result = await sender.SendAsync(Compose().Message, null, CancellationToken.None);

        Assert.Equal((expected, status), (result.Status, result.StatusCode));
        Assert.Contains(reason, result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, Hits(SendPath));
    }
}
