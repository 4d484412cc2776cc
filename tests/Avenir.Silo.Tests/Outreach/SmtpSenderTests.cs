using Avenir.Silo.Outreach.Sending;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using SmtpServer.Protocol;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>The SMTP sender against a real SMTP server: the server's synchronous answer becomes a hard bounce, a soft bounce, a retry or a failure.</summary>
public sealed class SmtpSenderTests : IAsyncLifetime
{
    private readonly OutreachTestKit kit = new();
    private ScriptedSmtpServer Server { get; set; } = null!;

    public Task InitializeAsync()
    {
        Server = new ScriptedSmtpServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private SmtpOutreachSender Sender(int? port = null, MailSecurity security = MailSecurity.Auto) =>
        new(
            new SmtpMailboxOptions { Host = "127.0.0.1", Port = port ?? Server.Port, Security = security, Timeout = TimeSpan.FromSeconds(20) },
            NullLogger<SmtpOutreachSender>.Instance);

    private Task<OutreachSendResult> SendAsync(SmtpOutreachSender sender, out string messageId)
    {
        var composed = kit.Composer.Compose(OutreachTestKit.Request(
            Guid.NewGuid(), Guid.NewGuid(), "<p>Bonjour <a href=\"https://cal.example.ca/marc\">réservez</a></p>", "Bonjour"));
        messageId = composed.MessageId;
        return sender.SendAsync(composed.Message, null, CancellationToken.None);
    }

    [Fact]
    public async Task An_accepted_message_arrives_whole_with_its_message_id()
    {
        var result = await SendAsync(Sender(), out var messageId);

        Assert.Equal(OutreachSendStatus.Accepted, result.Status);
        Assert.Equal("4Fx9Q2", result.ProviderMessageId);
        var received = Assert.Single(Server.Accepted);
        Assert.Equal(messageId, received.MessageId);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Bonjour", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_550_5_1_1_on_RCPT_is_a_hard_bounce_at_once()
    {
        Server.Recipient = to => to == "sophie@toitures-gagnon.ca"
            ? new SmtpResponse(
                SmtpReplyCode.MailboxUnavailable, "5.1.1 <sophie@toitures-gagnon.ca>: Recipient address rejected: User unknown in virtual mailbox table")
            : null;

        var result = await SendAsync(Sender(), out _);

        Assert.Equal(OutreachSendStatus.HardBounce, result.Status);
        Assert.True(result.IsBounce);
        Assert.Equal(550, result.StatusCode);
        Assert.Equal("5.1.1", result.EnhancedStatusCode);
        Assert.Contains("User unknown", result.Detail, StringComparison.Ordinal);
        Assert.Empty(Server.Accepted);
    }

    [Fact]
    public async Task A_452_4_2_2_on_RCPT_is_a_soft_bounce()
    {
        Server.Recipient = _ => new SmtpResponse(SmtpReplyCode.InsufficientStorage, "4.2.2 Mailbox full, try again later");

        var result = await SendAsync(Sender(), out _);

        Assert.Equal((OutreachSendStatus.SoftBounce, 452, "4.2.2"), (result.Status, result.StatusCode, result.EnhancedStatusCode));
    }

    [Fact]
    public async Task A_5xx_after_DATA_is_a_hard_bounce_and_a_4xx_a_soft_one()
    {
        Server.Data = new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.1 Message rejected: recipient does not accept mail from your domain");
        var hard = await SendAsync(Sender(), out _);

        Server.Data = new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 Temporary failure, try again");
        var soft = await SendAsync(Sender(), out _);

        Assert.Equal((OutreachSendStatus.HardBounce, 554, "5.7.1"), (hard.Status, hard.StatusCode, hard.EnhancedStatusCode));
        Assert.Equal((OutreachSendStatus.SoftBounce, 451, "4.3.0"), (soft.Status, soft.StatusCode, soft.EnhancedStatusCode));
    }

    [Fact]
    public async Task A_refused_sender_is_a_failure_of_the_mailbox_not_a_bounce()
    {
        Server.Sender = new SmtpResponse(SmtpReplyCode.MailboxNameNotAllowed, "5.7.1 Sender address rejected: not owned by user");

        var result = await SendAsync(Sender(), out _);

        Assert.Equal(OutreachSendStatus.Failed, result.Status);
        Assert.False(result.IsBounce);
        Assert.Equal(553, result.StatusCode);
    }

    [Fact]
    public async Task No_server_listening_is_retryable()
    {
        var result = await SendAsync(Sender(ScriptedSmtpServer.FreePort()), out _);

        Assert.Equal(OutreachSendStatus.Retryable, result.Status);
        Assert.Contains("connect", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_STARTTLS_from_a_server_without_it_fails_instead_of_sending_in_clear()
    {
        var result = await SendAsync(Sender(security: MailSecurity.StartTls), out _);

        Assert.Equal(OutreachSendStatus.Failed, result.Status);
        Assert.Empty(Server.Accepted);
    }

    [Fact]
    public async Task Plain_text_to_a_remote_host_is_refused_before_connecting()
    {
        var sender = new SmtpOutreachSender(
            new SmtpMailboxOptions { Host = "smtp.example.com", Security = MailSecurity.None }, NullLogger<SmtpOutreachSender>.Instance);

        var result = await SendAsync(sender, out _);

        Assert.Equal(OutreachSendStatus.Failed, result.Status);
        Assert.Contains("in clear", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp.example.com", 587, MailSecurity.Auto, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.com", 465, MailSecurity.Auto, SecureSocketOptions.SslOnConnect)]
    [InlineData("smtp.example.com", 25, MailSecurity.Auto, SecureSocketOptions.StartTls)]
    [InlineData("127.0.0.1", 2525, MailSecurity.Auto, SecureSocketOptions.None)]
    [InlineData("localhost", 465, MailSecurity.Auto, SecureSocketOptions.None)]
    [InlineData("::1", 25, MailSecurity.Auto, SecureSocketOptions.None)]
    [InlineData("127.0.0.1", 2525, MailSecurity.StartTls, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.com", 587, MailSecurity.ImplicitTls, SecureSocketOptions.SslOnConnect)]
    public void TLS_is_the_default_except_to_loopback(string host, int port, MailSecurity security, SecureSocketOptions expected)
    {
        Assert.Equal(expected, MailSecurityPolicy.Resolve(host, port, security, allowPlaintextToRemoteHost: false, implicitTlsPort: 465));
    }
}
