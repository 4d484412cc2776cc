using System.Globalization;
using Avenir.Contracts.Outreach;
using Avenir.Silo.Jobs;
using Avenir.Silo.Outreach.Campaigns;
using Avenir.Testing.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace Avenir.Api.Tests.Outreach;

/// <summary>
/// The outreach API fixture with real mail: the silo's one mailbox (<see cref="Mailbox"/>) sends through MailKit to a real
/// SMTP server (<see cref="ScriptedSmtpServer"/>, which can refuse a recipient with a 550) and reads its replies and bounces
/// from a real IMAP server (Dovecot) over MailKit, both configured as an operator configures them
/// (<c>Outreach:Mailboxes:{id}:Smtp|Imap|Limits</c>). The silo's own send runner and inbound job handler, resolved from its
/// services, stand in for the scheduler's <c>bulk_email</c> and <c>outreach_inbound</c> jobs.
/// </summary>
public sealed class OutreachMailFixture : OutreachApiFixture, IAsyncLifetime
{
    public new const string Mailbox = "mbx-mail";

    public const string MailboxAddress = "marc@avenir-agence.ca";

    public const string ImapUser = "marc";

    public const int DailyLimit = 20;

    public static readonly TimeSpan MinimumSpacing = TimeSpan.FromMinutes(2);

    public ScriptedSmtpServer Smtp { get; } = new();

    public DovecotTestServer Imap { get; } = new();

    public CampaignSendRunner Runner => Silo.Services.GetRequiredService<CampaignSendRunner>();

    public OutreachInboundJobHandler Inbound => Silo.Services.GetServices<IJobHandler>().OfType<OutreachInboundJobHandler>().Single();

    public new async Task InitializeAsync()
    {
        await Imap.InitializeAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Imap.DisposeAsync();
    }

    protected override void ConfigureSilo(IHostApplicationBuilder silo)
    {
        base.ConfigureSilo(silo);
        var box = $"Outreach:Mailboxes:{Mailbox}";
        silo.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{box}:Address"] = MailboxAddress,
            [$"{box}:Smtp:Host"] = "127.0.0.1",
            [$"{box}:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            [$"{box}:Imap:Host"] = "127.0.0.1",
            [$"{box}:Imap:Port"] = Imap.Port.ToString(CultureInfo.InvariantCulture),
            [$"{box}:Imap:Username"] = ImapUser,
            [$"{box}:Imap:Password"] = DovecotTestServer.Password,
            [$"{box}:Limits:DailyLimit"] = DailyLimit.ToString(CultureInfo.InvariantCulture),
            [$"{box}:Limits:MinimumSpacing"] = MinimumSpacing.ToString("c", CultureInfo.InvariantCulture),
            [$"{box}:Limits:MaximumJitter"] = "00:03:00",
        });
    }

    /// <summary>The sender of every campaign of this fixture: the configured mailbox, CASL identity and postal address.</summary>
    public static CampaignSender Sender { get; } = new(Mailbox, "Marc Tremblay", MailboxAddress, "Avenir Agence",
        "1200 boul. René-Lévesque O.\nMontréal QC  H3B 4W8");

    /// <summary>Delivers <paramref name="messages"/> into the mailbox's inbox over IMAP APPEND, as the mail server would.</summary>
    public async Task DeliverToMailboxAsync(params MimeMessage[] messages)
    {
        using var client = await ConnectAsync();
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        }

        await client.DisconnectAsync(true);
    }

    /// <summary>The flags of every message in the mailbox's inbox, by Message-ID, as the server has them now.</summary>
    public async Task<Dictionary<string, MessageFlags>> InboxFlagsAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var all = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return all.ToDictionary(m => m.Envelope!.MessageId!, m => m.Flags!.Value & ~MessageFlags.Recent, StringComparer.Ordinal);
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", Imap.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(ImapUser, DovecotTestServer.Password);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class OutreachMailCollection : ICollectionFixture<OutreachMailFixture>
{
    public const string Name = "outreach with a real SMTP server and a real IMAP mailbox";
}
