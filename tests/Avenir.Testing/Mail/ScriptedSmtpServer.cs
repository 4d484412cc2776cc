using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Avenir.Testing.Mail;

/// <summary>
/// A real SMTP server (NuGet SmtpServer) on a free loopback port that answers as told: a chosen reply to MAIL FROM,
/// to RCPT TO per recipient (e.g. <c>550 5.1.1</c>) and to the end of DATA; keeps what it accepts.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public ScriptedSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mx.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Accepted { get; } = new();

    /// <summary>The reply to RCPT TO for an address (null: accept).</summary>
    public Func<string, SmtpResponse?> Recipient { get; set; } = _ => null;

    /// <summary>The reply to MAIL FROM (null: accept).</summary>
    public SmtpResponse? Sender { get; set; }

    /// <summary>The reply at the end of DATA (null: 250 and keep the message).</summary>
    public SmtpResponse? Data { get; set; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private sealed class Filter(ScriptedSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            server.Sender is { } refusal ? throw new SmtpResponseException(refusal) : Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            server.Recipient($"{to.User}@{to.Host}") is { } refusal ? throw new SmtpResponseException(refusal) : Task.FromResult(true);
    }

    private sealed class Store(ScriptedSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Data is { } refusal)
            {
                return refusal;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            server.Accepted.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return new SmtpResponse(SmtpReplyCode.Ok, "2.0.0 Ok: queued as 4Fx9Q2");
        }
    }
}
