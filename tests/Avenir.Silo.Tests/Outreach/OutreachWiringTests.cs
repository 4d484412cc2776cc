using System.Security.Cryptography;
using Avenir.Grains.Outreach.Sending;
using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Silo.Outreach.Composition;
using Avenir.Silo.Outreach.Inbound;
using Avenir.Silo.Outreach.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Avenir.Silo.Tests.Outreach;

/// <summary><c>AddAvenirOutreach</c> from configuration: every component resolves, mailboxes by id, DKIM when configured, errors named.</summary>
public sealed class OutreachWiringTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddAvenirOutreach()
            .BuildServiceProvider();
    }

    private static Dictionary<string, string?> Settings(string? dkimPem = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Tracking:BaseUrl"] = "https://go.avenir.test",
            ["Outreach:Tracking:CurrentKeyId"] = "2",
            ["Outreach:Tracking:Keys:0:Id"] = "1",
            ["Outreach:Tracking:Keys:0:Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Outreach:Tracking:Keys:1:Id"] = "2",
            ["Outreach:Tracking:Keys:1:Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Outreach:Tracking:ClickLifetime"] = "30.00:00:00",
            ["Outreach:Mailboxes:marc:Address"] = "marc@avenir-agence.ca",
            ["Outreach:Mailboxes:marc:Transport"] = "gmail",
            ["Outreach:Mailboxes:marc:Gmail:RefreshToken"] = "1//x",
            ["Outreach:Mailboxes:relay:Address"] = "ventes@avenir-agence.ca",
            ["Outreach:Mailboxes:relay:Transport"] = "smtp",
            ["Outreach:Mailboxes:relay:Smtp:Host"] = "smtp.avenir-agence.ca",
            ["Outreach:Mailboxes:relay:Limits:DailyLimit"] = "120",
            ["Outreach:Mailboxes:relay:Imap:Host"] = "imap.avenir-agence.ca",
        };
        if (dkimPem is not null)
        {
            settings["Outreach:Dkim:Domain"] = "avenir-agence.ca";
            settings["Outreach:Dkim:Selector"] = "s1";
            settings["Outreach:Dkim:PrivateKeyPem"] = dkimPem;
        }

        return settings;
    }

    [Fact]
    public void Every_component_resolves_and_mailboxes_get_their_transport()
    {
        using var services = Build(Settings());

        Assert.NotNull(services.GetRequiredService<MailboxSendLimiter>());
        Assert.NotNull(services.GetRequiredService<InboundMessageClassifier>());
        Assert.NotNull(services.GetRequiredService<ImapMailboxWatcher>());
        var tokens = services.GetRequiredService<TrackingTokens>();
        Assert.Equal((byte?)2, tokens.Verify(tokens.CreateClick(Guid.NewGuid(), 0), TrackingPurpose.Click).Claims?.KeyId);
        Assert.StartsWith(
            "https://go.avenir.test/u/", services.GetRequiredService<TrackingUrls>().Unsubscribe(Guid.NewGuid(), Guid.NewGuid()), StringComparison.Ordinal);

        var senders = services.GetRequiredService<IOutreachSenderFactory>();
        Assert.IsType<GmailOutreachSender>(senders.ForMailbox("marc"));
        Assert.IsType<SmtpOutreachSender>(senders.ForMailbox("RELAY"));
        Assert.Contains(
            "Outreach:Mailboxes:nobody", Assert.Throws<InvalidOperationException>(() => senders.ForMailbox("nobody")).Message, StringComparison.Ordinal);

        var mailboxes = services.GetRequiredService<IOptions<OutreachOptions>>().Value.Mailboxes;
        Assert.Equal(120, mailboxes["relay"].Limits.ToLimits(SendWindow.BusinessHours).DailyLimit);
        Assert.Equal(["INBOX"], mailboxes["relay"].Imap.Folders);
        Assert.Equal(TimeSpan.FromDays(30), services.GetRequiredService<IOptions<TrackingTokenOptions>>().Value.ClickLifetime);
    }

    [Fact]
    public void The_composer_signs_with_DKIM_when_it_is_configured()
    {
        using var key = RSA.Create(2048);
        using var signing = Build(Settings(key.ExportRSAPrivateKeyPem()));
        using var plain = Build(Settings());
        var request = OutreachTestKit.Request(Guid.NewGuid(), Guid.NewGuid());

        Assert.True(signing.GetRequiredService<OutreachMessageComposer>().Compose(request).Message.Headers.Contains(HeaderId.DkimSignature));
        Assert.False(plain.GetRequiredService<OutreachMessageComposer>().Compose(request).Message.Headers.Contains(HeaderId.DkimSignature));
    }

    [Fact]
    public void A_missing_base_url_or_key_is_named()
    {
        var noBase = Settings();
        noBase.Remove("Outreach:Tracking:BaseUrl");
        using var withoutBase = Build(noBase);
        Assert.Contains(
            "Outreach:Tracking:BaseUrl",
            Assert.Throws<OptionsValidationException>(() => withoutBase.GetRequiredService<TrackingUrls>()).Message,
            StringComparison.Ordinal);

        var noKeys = Settings();
        noKeys.Remove("Outreach:Tracking:Keys:0:Id");
        noKeys.Remove("Outreach:Tracking:Keys:0:Secret");
        noKeys["Outreach:Tracking:CurrentKeyId"] = "1";
        using var withoutKey = Build(noKeys);
        Assert.Contains(
            "CurrentKeyId 1",
            Assert.Throws<InvalidOperationException>(() => withoutKey.GetRequiredService<TrackingTokens>()).Message,
            StringComparison.Ordinal);
    }
}
