using System.Text;
using System.Text.RegularExpressions;
using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Silo.Outreach.Composition;
using MimeKit;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>The MIME message of an outreach email: identity, CASL footer, thread, RFC 8058 headers, click and open tracking.</summary>
public sealed partial class MessageComposerTests
{
    private readonly OutreachTestKit kit = new();
    private readonly Guid emailId = Guid.NewGuid();
    private readonly Guid prospectId = Guid.NewGuid();

    private static MimeMessage Reparse(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    private static string Token(string url) => url[(url.LastIndexOf('/') + 1)..];

    [Fact]
    public void Every_message_identifies_the_sender_and_carries_a_working_unsubscribe()
    {
        var composed = kit.Composer.Compose(OutreachTestKit.Request(emailId, prospectId));
        var message = Reparse(composed.Message);

        Assert.Equal("\"Marc Tremblay\" <marc@avenir-agence.ca>", message.From.ToString());
        Assert.Equal("sophie@toitures-gagnon.ca", message.To.Mailboxes.Single().Address);
        Assert.Equal($"{emailId:N}@avenir-agence.ca", message.MessageId);
        Assert.Equal(composed.MessageId, message.MessageId);
        Assert.Equal(TestClock.DefaultOrigin, message.Date);

        var unsubscribe = kit.Tokens.Verify(Token(composed.UnsubscribeUrl), TrackingPurpose.Unsubscribe);
        Assert.Equal((emailId, prospectId), (unsubscribe.Claims!.EmailId, unsubscribe.Claims.ProspectId!.Value));
        Assert.StartsWith(OutreachTestKit.TrackingBase + TrackingUrls.UnsubscribePath, composed.UnsubscribeUrl, StringComparison.Ordinal);
        Assert.Equal($"<{composed.UnsubscribeUrl}>, <mailto:marc@avenir-agence.ca?subject=unsubscribe%20{Token(composed.UnsubscribeUrl)}>",
            Regex.Replace(message.Headers["List-Unsubscribe"] ?? "", @"\r?\n\s*", " "));
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("Avenir Agence", body, StringComparison.Ordinal);
            Assert.Contains("René-Lévesque", body, StringComparison.Ordinal);
            Assert.Contains("H3B 4W8", body, StringComparison.Ordinal);
            Assert.Contains("marc@avenir-agence.ca", body, StringComparison.Ordinal);
            Assert.Contains(composed.UnsubscribeUrl, body, StringComparison.Ordinal);
        }

        Assert.Contains("To stop receiving emails from Avenir Agence", message.TextBody, StringComparison.Ordinal);
        Assert.All(alternative.OfType<MimePart>(), part => Assert.NotEqual(ContentEncoding.EightBit, part.ContentTransferEncoding));
    }

    [Fact]
    public void A_French_email_gets_the_French_footer()
    {
        var message = kit.Composer.Compose(OutreachTestKit.Request(emailId, prospectId, language: "fr")).Message;

        Assert.Contains("Pour ne plus recevoir de courriels de Avenir Agence :", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(">Se désabonner</a>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_links_are_rewritten_through_signed_click_tokens_and_each_is_recorded()
    {
        const string html = "<p><a href=\"https://cal.example.ca/marc?src=mail&amp;x=1\">Book</a> · <a href=\" http://toitures-gagnon.ca/ \">your site</a>"
            + " · <a href=\"https://cal.example.ca/marc?src=mail&amp;x=1\">again</a> · <a href=\"mailto:marc@avenir-agence.ca\">mail</a>"
            + " · <a href=\"tel:+15145550100\">call</a> · <a href=\"/relative\">rel</a> · <a href=\"ftp://files.example.ca/\">ftp</a></p>";

        var composed = kit.Composer.Compose(OutreachTestKit.Request(emailId, prospectId, html, "Book: https://cal.example.ca/marc"));
        var message = Reparse(composed.Message);

        Assert.Equal(
            [
                new TrackedLink(0, "https://cal.example.ca/marc?src=mail&x=1"),
                new TrackedLink(1, "http://toitures-gagnon.ca/"),
                new TrackedLink(2, "https://cal.example.ca/marc?src=mail&x=1"),
            ],
            composed.Links);
        var hrefs = Href().Matches(message.HtmlBody ?? "").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var clicks = hrefs.Where(h => h.StartsWith(OutreachTestKit.TrackingBase + TrackingUrls.ClickPath, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, clicks.Count);
        for (var i = 0; i < clicks.Count; i++)
        {
            var claims = kit.Tokens.Verify(Token(clicks[i]), TrackingPurpose.Click).Claims!;
            Assert.Equal((emailId, i), (claims.EmailId, claims.LinkIndex!.Value));
            Assert.Equal(new Uri(composed.Links[i].Url), TrackedLinks.Resolve(composed.Links, claims.LinkIndex.Value));
        }

        Assert.Contains("mailto:marc@avenir-agence.ca", hrefs);
        Assert.Contains("tel:+15145550100", hrefs);
        Assert.Contains("/relative", hrefs);
        Assert.Contains("ftp://files.example.ca/", hrefs);
        Assert.Contains(composed.UnsubscribeUrl, hrefs); // the footer's unsubscribe is never wrapped (click tokens expire)
        Assert.DoesNotContain(hrefs, h => h.Contains("cal.example.ca", StringComparison.Ordinal));
        Assert.Contains("Book: https://cal.example.ca/marc", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_open_pixel_carries_a_signed_open_token()
    {
        var message = Reparse(kit.Composer.Compose(OutreachTestKit.Request(emailId, prospectId)).Message);

        var pixel = Regex.Match(message.HtmlBody ?? "", "<img src=\"([^\"]+)\" width=\"1\" height=\"1\" alt=\"\"").Groups[1].Value;
        Assert.StartsWith(OutreachTestKit.TrackingBase + TrackingUrls.OpenPath, pixel, StringComparison.Ordinal);
        Assert.Equal(emailId, kit.Tokens.Verify(Token(pixel), TrackingPurpose.Open).Claims!.EmailId);
    }

    [Fact]
    public void Tracking_can_be_turned_off_per_email()
    {
        var request = OutreachTestKit.Request(emailId, prospectId, "<a href=\"https://cal.example.ca/marc\">Book</a>")
            with { TrackClicks = false, TrackOpens = false };

        var composed = kit.Composer.Compose(request);

        Assert.Empty(composed.Links);
        Assert.Contains("href=\"https://cal.example.ca/marc\"", composed.Message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackingUrls.OpenPath, composed.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(composed.UnsubscribeUrl, composed.Message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_follow_up_stays_in_the_thread()
    {
        var first = kit.Composer.Compose(OutreachTestKit.Request(Guid.NewGuid(), prospectId));
        var second = kit.Composer.Compose(OutreachTestKit.Request(Guid.NewGuid(), prospectId, thread: new OutreachThread(first.MessageId, first.References)));
        var third = Reparse(kit.Composer
            .Compose(OutreachTestKit.Request(emailId, prospectId, thread: new OutreachThread(second.MessageId, second.References)))
            .Message);

        Assert.Empty(first.References);
        Assert.Equal(second.MessageId, third.InReplyTo);
        Assert.Equal([first.MessageId, second.MessageId], third.References);
        Assert.Equal("Re: A quick idea", OutreachThread.ReplySubject("A quick idea", "en"));
        Assert.Equal("RE : Une idée", OutreachThread.ReplySubject("Une idée", "fr"));
        Assert.Equal("Re: A quick idea", OutreachThread.ReplySubject("Re: A quick idea", "en"));
    }

    [Fact]
    public void No_name_or_subject_can_add_a_header()
    {
        var request = OutreachTestKit.Request(emailId, prospectId) with
        {
            Sender = OutreachTestKit.Sender with { Name = "Marc\r\nBcc: victim@example.com" },
            Recipient = new OutreachRecipient("sophie@toitures-gagnon.ca", "Sophie\nBcc: other@example.com"),
            Content = new RenderedEmail("en", "Hello\r\nBcc: third@example.com", "<p>x</p>", "x"),
        };

        using var raw = new MemoryStream();
        var wire = FormatOptions.Default.Clone();
        wire.NewLineFormat = NewLineFormat.Dos;
        kit.Composer.Compose(request).Message.WriteTo(wire, raw);
        var text = Encoding.ASCII.GetString(raw.ToArray());
        var headerBlock = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];

        Assert.DoesNotMatch(new Regex("^Bcc:", RegexOptions.Multiline | RegexOptions.IgnoreCase), headerBlock);
        var message = MimeMessage.Load(new MemoryStream(raw.ToArray()));
        Assert.Empty(message.Bcc);
        Assert.Equal("Hello Bcc: third@example.com", message.Subject);
        Assert.Single(message.To.Mailboxes);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
