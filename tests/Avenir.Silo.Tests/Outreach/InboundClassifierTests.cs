using Avenir.Grains.Outreach.Tracking;
using Avenir.Silo.Outreach.Inbound;
using MimeKit;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>
/// The inbound classifier on a corpus of real-looking messages (Outreach/Corpus): replies in EN/FR, out-of-office and
/// other automatic replies, DSNs of Postfix (only text/rfc822-headers), Gmail (message/rfc822), Exchange (only the
/// envelope id; X-Original-Message-ID), delays, text bounces of qmail, Outlook (FR) and legacy Gmail, and mail that is not ours.
/// </summary>
public sealed class InboundClassifierTests
{
    public const string First = "7d3f1c2a9b8e4f60a1b2c3d4e5f60718@avenir-agence.ca";
    public const string FollowUp = "0a1b2c3d4e5f60718293a4b5c6d7e8f9@avenir-agence.ca";
    public const string ToJean = "5e6f708192a3b4c5d6e7f8091a2b3c4d@avenir-agence.ca";
    public const string ToLea = "9f8e7d6c5b4a39281706f5e4d3c2b1a0@avenir-agence.ca";

    public static readonly HashSet<string> Ours = new(StringComparer.Ordinal) { First, FollowUp, ToJean, ToLea };

    private readonly OutreachTestKit kit = new();

    public static string CorpusPath(string file) => Path.Combine(AppContext.BaseDirectory, "Outreach", "Corpus", file);

    /// <summary>Every file of the corpus and what it must be classified as: kind, our Message-ID, bounce severity and status.</summary>
    public static TheoryData<string, InboundKind, string?, BounceSeverity?, string?> Expectations => new()
    {
        { "reply-gmail-en.eml", InboundKind.Reply, First, null, null },
        { "reply-outlook-fr.eml", InboundKind.Reply, FollowUp, null, null },
        { "reply-auto-submitted-no.eml", InboundKind.Reply, ToJean, null, null },
        { "ooo-outlook-en.eml", InboundKind.AutomaticReply, ToJean, null, null },
        { "ooo-gmail-vacation-fr.eml", InboundKind.AutomaticReply, First, null, null },
        { "ooo-reponse-automatique.eml", InboundKind.AutomaticReply, ToLea, null, null },
        { "ooo-absence-du-bureau.eml", InboundKind.AutomaticReply, ToJean, null, null },
        { "autoreply-ticket-precedence.eml", InboundKind.AutomaticReply, First, null, null },
        { "dsn-postfix-rfc822-headers.eml", InboundKind.Bounce, First, BounceSeverity.Hard, "5.1.1" },
        { "dsn-gmail-rfc822.eml", InboundKind.Bounce, ToJean, BounceSeverity.Hard, "5.1.1" },
        { "dsn-exchange-envid.eml", InboundKind.Bounce, ToLea, BounceSeverity.Hard, "5.1.10" },
        { "dsn-x-original-message-id.eml", InboundKind.Bounce, ToJean, BounceSeverity.Hard, "5.2.1" },
        { "dsn-delayed-soft.eml", InboundKind.Bounce, ToLea, BounceSeverity.Soft, "4.4.1" },
        { "dsn-delivered.eml", InboundKind.DeliveryReport, First, null, null },
        { "bounce-qmail-text.eml", InboundKind.Bounce, ToJean, BounceSeverity.Hard, "5.1.1" },
        { "bounce-outlook-text-fr.eml", InboundKind.Bounce, FollowUp, BounceSeverity.Hard, "5.5.0" },
        { "bounce-gmail-legacy-text.eml", InboundKind.Bounce, ToLea, BounceSeverity.Hard, "5.1.1" },
        { "bounce-not-ours.eml", InboundKind.Unrelated, null, null, null },
        { "newsletter-unrelated.eml", InboundKind.Unrelated, null, null, null },
        { "reply-to-someone-else.eml", InboundKind.Unrelated, null, null, null },
        { "sent-copy-of-ours.eml", InboundKind.Unrelated, null, null, null },
    };

    private InboundClassification Classify(string file) =>
        new InboundMessageClassifier(kit.Tokens).Classify(MimeMessage.Load(CorpusPath(file)), Ours.Contains);

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Each_corpus_message_is_classified_as_expected(string file, InboundKind kind, string? original, BounceSeverity? severity, string? status)
    {
        var result = Classify(file);

        Assert.Equal((kind, original), (result.Kind, result.OriginalMessageId));
        Assert.Equal(kind != InboundKind.Unrelated, result.IsOurs);
        Assert.Equal(severity, result.Kind == InboundKind.Bounce ? result.Bounce?.Severity : null);
        if (status is not null)
        {
            Assert.Equal(status, result.Bounce?.Status);
        }
    }

    [Fact]
    public void The_corpus_has_an_expectation_for_every_file()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Outreach", "Corpus"), "*.eml")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        var expected = Expectations.Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(expected, files);
    }

    [Fact]
    public void A_Gmail_vacation_reply_titled_Re_is_not_counted_as_a_reply()
    {
        var result = Classify("ooo-gmail-vacation-fr.eml");

        Assert.Equal(InboundKind.AutomaticReply, result.Kind);
        Assert.Contains("auto-replied", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DSN_gives_the_recipient_diagnostic_and_reporting_server()
    {
        var postfix = Classify("dsn-postfix-rfc822-headers.eml").Bounce!;
        var exchange = Classify("dsn-exchange-envid.eml").Bounce!;

        Assert.Equal(("failed", "sophie@toitures-gagnon.ca", "mail.avenir-agence.ca", "dsn"),
            (postfix.Action, postfix.Recipient, postfix.ReportingMta, postfix.Format));
        Assert.StartsWith("smtp; 550 5.1.1 <sophie@toitures-gagnon.ca>: Recipient address rejected", postfix.Diagnostic, StringComparison.Ordinal);
        Assert.Equal("lea@cafe-cote.ca", exchange.Recipient);
        Assert.Contains("RecipientNotFound", exchange.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_bounce_names_the_failed_recipient_and_the_servers_words()
    {
        var qmail = Classify("bounce-qmail-text.eml").Bounce!;

        Assert.Equal(("text", "jean@plomberie-roy.ca"), (qmail.Format, qmail.Recipient));
        Assert.Contains("550 5.1.1 <jean@plomberie-roy.ca>... User unknown", qmail.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mail_to_the_unsubscribe_mailto_with_a_valid_token_is_an_unsubscribe_request()
    {
        var emailId = Guid.NewGuid();
        var prospectId = Guid.NewGuid();
        var token = kit.Tokens.CreateUnsubscribe(emailId, prospectId);
        var request = new MimeMessage();
        request.From.Add(MailboxAddress.Parse("sophie@toitures-gagnon.ca"));
        request.To.Add(MailboxAddress.Parse("marc@avenir-agence.ca"));
        request.Subject = $"unsubscribe {token}";
        request.MessageId = "unsub-1@mail.gmail.com";
        request.Body = new TextPart("plain") { Text = "This message was automatically generated by Gmail." };

        var result = new InboundMessageClassifier(kit.Tokens).Classify(request, Ours.Contains);

        Assert.Equal(InboundKind.UnsubscribeRequest, result.Kind);
        Assert.Equal((emailId, prospectId), (result.Unsubscribe!.EmailId, result.Unsubscribe.ProspectId!.Value));

        request.Subject = $"unsubscribe {token[..^2]}xx";
        Assert.Equal(InboundKind.Unrelated, new InboundMessageClassifier(kit.Tokens).Classify(request, Ours.Contains).Kind);

        var other = new OutreachTestKit();
        request.Subject = $"unsubscribe {other.Tokens.CreateUnsubscribe(emailId, prospectId)}";
        Assert.Equal(InboundKind.Unrelated, new InboundMessageClassifier(kit.Tokens).Classify(request, Ours.Contains).Kind);
    }

    [Fact]
    public void Headers_alone_tell_whether_the_body_is_needed()
    {
        Assert.True(InboundMessageClassifier.NeedsBody(MimeMessage.Load(CorpusPath("dsn-gmail-rfc822.eml")).Headers));
        Assert.True(InboundMessageClassifier.NeedsBody(MimeMessage.Load(CorpusPath("bounce-qmail-text.eml")).Headers));
        Assert.True(InboundMessageClassifier.NeedsBody(MimeMessage.Load(CorpusPath("bounce-outlook-text-fr.eml")).Headers));
        Assert.False(InboundMessageClassifier.NeedsBody(MimeMessage.Load(CorpusPath("reply-gmail-en.eml")).Headers));
        Assert.False(InboundMessageClassifier.NeedsBody(MimeMessage.Load(CorpusPath("ooo-outlook-en.eml")).Headers));
    }

    [Fact]
    public void Replies_and_automatic_replies_are_classified_from_their_headers_alone()
    {
        foreach (var file in new[]
        {
            "reply-gmail-en.eml", "reply-outlook-fr.eml", "ooo-outlook-en.eml", "ooo-gmail-vacation-fr.eml", "ooo-absence-du-bureau.eml",
        })
        {
            var full = Classify(file);
            var headersOnly = new InboundMessageClassifier(kit.Tokens).Classify(new MimeMessage(MimeMessage.Load(CorpusPath(file)).Headers), Ours.Contains);
            Assert.Equal((full.Kind, full.OriginalMessageId), (headersOnly.Kind, headersOnly.OriginalMessageId));
        }
    }
}
