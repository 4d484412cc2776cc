using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>A real SMTP server in the test process (NuGet SmtpServer) on a free loopback port; keeps what it receives.</summary>
public sealed class TestMailServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private readonly Store store = new();

    public TestMailServer()
    {
        Port = ScriptedSmtpServer.FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => [.. store.Messages];

    /// <summary>The next message to <paramref name="address"/> is refused after DATA (550), as a relay refuses spam.</summary>
    public void RefuseNext(string address) => store.Refusals[address.ToLowerInvariant()] = true;

    /// <summary>The messages sent to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(box => string.Equals(box.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

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

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public ConcurrentDictionary<string, bool> Refusals { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (message.To.Mailboxes.Any(box => Refusals.TryRemove(box.Address.ToLowerInvariant(), out _)))
            {
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Refused by the test server");
            }

            Messages.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
