using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Avenir.Contracts.Outreach;
using MimeKit;
using SmtpServer.Protocol;

namespace Avenir.Api.Tests.Outreach;

/// <summary>
/// A whole campaign over real mail (issue 12's "must show"): 50 prospects, a first email and a follow-up three business
/// days later, sent by the silo's send runner through MailKit to a real SMTP server within the mailbox's limit, spacing and
/// window on a clock the test moves; replies, an out-of-office and a DSN read back from a real IMAP mailbox (Dovecot) by
/// the silo's inbound job; a one-click unsubscribe, an open and a click over real HTTP. At the end the campaign grain's
/// metrics equal the <c>outreach_tracking</c> events.
/// </summary>
[Collection(OutreachMailCollection.Name)]
public sealed partial class OutreachCampaignEndToEndTests(OutreachMailFixture fixture)
{
    private const int Prospects = 50;
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    [Fact]
    public async Task Fifty_prospects_within_the_limit_replies_stop_follow_ups_an_out_of_office_does_not_bounces_and_unsubscribe_suppress()
    {
        var industry = $"e2e-{Guid.NewGuid():N}"[..16];
        var addresses = Enumerable.Range(0, Prospects).Select(i => $"owner{i:D2}-{Guid.NewGuid():N}"[..16] + "@shop.example").ToArray();
        var prospects = new Guid[Prospects];
        for (var i = 0; i < Prospects; i++)
        {
            prospects[i] = await fixture.AddProspectAsync(industry, addresses[i], language: i % 5 == 0 ? "fr" : "en");
        }

        // Who does what (indexes): three reply, one is away, one bounces by DSN, one is refused at RCPT, one unsubscribes.
        int[] repliers = [3, 17, 40];
        const int away = 8, dsnBounce = 21, refusedAtSend = 33, unsubscriber = 45, opener = 12, clicker = 13;
        fixture.Smtp.Recipient = to => to == addresses[refusedAtSend]
            ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 <" + to + ">: Recipient address rejected: User unknown")
            : null;

        var (campaignId, campaign) = await ActiveCampaignAsync(industry);

        // 1. The first emails: 49 accepted and one refused with a 550, over three days at 20 a day.
        await RunSchedulerAsync(campaignId, () => SentOrBouncedAsync(campaignId, step: 1), Prospects);
        Assert.Equal(Prospects - 1, fixture.Smtp.Accepted.Count);
        var firsts = addresses.ToDictionary(a => a, a => fixture.Smtp.Accepted.SingleOrDefault(m => To(m) == a), StringComparer.Ordinal);
        Assert.Null(firsts[addresses[refusedAtSend]]);
        Assert.All(firsts.Where(f => f.Value is not null), f => Assert.StartsWith("<" + OutreachApiFixture.TrackingBase + "/u/",
            f.Value!.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal));

        // 2. The mailbox receives three replies, an out-of-office, a DSN naming the original only in its text/rfc822-headers
        // part, and a newsletter that is none of ours; the silo's inbound job reads them.
        var newsletter = Newsletter();
        await fixture.DeliverToMailboxAsync([
            .. repliers.Select(i => Reply(firsts[addresses[i]]!, "Yes, call me Tuesday.")),
            OutOfOffice(firsts[addresses[away]]!),
            Dsn(firsts[addresses[dsnBounce]]!),
            newsletter,
        ]);
        var scan = await fixture.Inbound.ScanAsync(OutreachMailFixture.Mailbox, CancellationToken.None);
        Assert.Equal((6, 5, 5), (scan.Examined, scan.Recorded, scan.Examined - scan.Untouched));
        Assert.Equal(MailKit.MessageFlags.None, (await fixture.InboxFlagsAsync())[newsletter.MessageId!]);
        Assert.Equal(0, (await fixture.Inbound.ScanAsync(OutreachMailFixture.Mailbox, CancellationToken.None)).Recorded); // idempotent

        // 3. Over real HTTP: a one-click unsubscribe (RFC 8058), an open pixel and a click.
        var unsubscribe = await fixture.Http.PostAsync(Local(UnsubscribeUrl(firsts[addresses[unsubscriber]]!)),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BrowserGetAsync(Local(TrackedUrl(firsts[addresses[opener]]!, "/t/o/")))).StatusCode);
        var click = await BrowserGetAsync(Local(TrackedUrl(firsts[addresses[clicker]]!, "/t/c/")));
        Assert.Equal(OutreachApiFixture.CaseStudyUrl, click.Headers.Location?.ToString());

        // 4. The follow-ups: due three business days after each first email, sent only to those still in the sequence.
        var expectedFollowUps = Prospects - repliers.Length - 2 - 1; // not the repliers, the two bounced, the unsubscribed
        await RunSchedulerAsync(campaignId, () => SentOrBouncedAsync(campaignId, step: 2), expectedFollowUps);
        await RunSchedulerAsync(campaignId, () => SentOrBouncedAsync(campaignId, step: 2), expectedFollowUps, idleDays: 5); // nothing more comes

        Assert.Equal(Prospects - 1 + expectedFollowUps, fixture.Smtp.Accepted.Count);
        foreach (var i in repliers.Append(dsnBounce).Append(unsubscriber))
        {
            Assert.Single(fixture.Smtp.Accepted, m => To(m) == addresses[i]);
            Assert.Equal(OutreachEmailStatuses.Cancelled, await fixture.EmailStatusAsync(await fixture.EmailIdAsync(campaignId, prospects[i], 2)));
        }

        Assert.DoesNotContain(fixture.Smtp.Accepted, m => To(m) == addresses[refusedAtSend]);
        var awayFollowUp = fixture.Smtp.Accepted.Single(m => To(m) == addresses[away] && m.MessageId != firsts[addresses[away]]!.MessageId);
        Assert.Equal(firsts[addresses[away]]!.MessageId, awayFollowUp.InReplyTo);
        Assert.Equal(OutreachEmailStatuses.Replied, await fixture.EmailStatusAsync(await fixture.EmailIdAsync(campaignId, prospects[repliers[0]], 1)));

        // Both bounces are hard: the prospect is do-not-contact and the address suppressed; the unsubscriber too.
        foreach (var (i, reason) in new[] { (dsnBounce, "hard_bounce"), (refusedAtSend, "hard_bounce"), (unsubscriber, "unsubscribed") })
        {
            Assert.Equal(reason, await fixture.ScalarAsync("SELECT reason FROM outreach_suppressions WHERE address = $1", addresses[i]));
            Assert.Equal(true, await fixture.ScalarAsync("SELECT do_not_contact FROM prospect_candidates WHERE id = $1", prospects[i]));
        }

        Assert.Equal(false, await fixture.ScalarAsync("SELECT do_not_contact FROM prospect_candidates WHERE id = $1", prospects[away]));
        await AssertWithinTheMailboxLimitsAsync(campaignId);

        // The grain's live metrics are the tracking events' counts.
        var metrics = await campaign.GetMetricsAsync();
        var events = await EventsAsync(campaignId);
        // Sent counts the 550 too (it was sent, and bounced); the click also proves an open its blocked pixel did not report.
        Assert.Equal(
            (Prospects + expectedFollowUps, 2, 3, 1, 2, 1),
            (metrics.Sent, metrics.Bounced, metrics.Replied, metrics.Unsubscribed, metrics.Opened, metrics.Clicked));
        Assert.Equal(
            (events["sent"], events["bounced"], events["replied"], events["unsubscribed"], events["opened"], events["clicked"]),
            ((long)metrics.Sent, (long)metrics.Bounced, (long)metrics.Replied, (long)metrics.Unsubscribed, (long)metrics.Opened, (long)metrics.Clicked));
    }

    /// <summary>
    /// Stands in for the minute scheduler's <c>bulk_email</c> job: runs a send pass, then moves the clock to when the mailbox
    /// allows the next send, or on by 30 minutes when nothing is due, until <paramref name="count"/> reaches
    /// <paramref name="expected"/> and then <paramref name="idleDays"/> more days have passed.
    /// </summary>
    private async Task RunSchedulerAsync(Guid campaignId, Func<Task<long>> count, int expected, int idleDays = 0)
    {
        DateTimeOffset? reachedAt = null;
        for (var pass = 0; pass < 5_000; pass++)
        {
            var result = await fixture.Runner.SendDueAsync(campaignId, 100, CancellationToken.None);
            var now = fixture.Clock.GetUtcNow();
            if (reachedAt is null && await count() >= expected)
            {
                reachedAt = now;
            }

            if (reachedAt is { } reached && now - reached >= TimeSpan.FromDays(idleDays))
            {
                Assert.Equal(expected, await count());
                return;
            }

            if (result.NextAttemptAt is { } next && next > now)
            {
                fixture.Clock.Advance(next - now);
            }
            else if (result.Sent == 0 && result.Bounced == 0)
            {
                fixture.Clock.Advance(TimeSpan.FromMinutes(30));
            }
        }

        Assert.Fail($"{await count()} of {expected} emails went out in 5,000 passes");
    }

    private async Task<(Guid Id, ICampaignGrain Grain)> ActiveCampaignAsync(string industry)
    {
        var en = await TemplateAsync("en", "An idea for {{ business_name }}", "Hi {{ contact_first_name }},");
        var fr = await TemplateAsync("fr", "Une idée pour {{ business_name }}", "Bonjour {{ contact_first_name }},");
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<ICampaignGrain>(id);
        Assert.Equal(CampaignOutcome.Done, (await grain.CreateAsync(new CampaignDraft(fixture.AgencyClientId, $"Campaign {id:N}",
            new CampaignTarget([industry], [], null, null, null, null),
            new CampaignSettings(OutreachMailFixture.Sender, en, fr, null, null, [3], CampaignWindow.BusinessHours, "America/Toronto", 50, 100))))
            .Outcome);
        await grain.GenerateEmailsAsync();
        var firsts = (Guid[])(await fixture.ScalarAsync(
            "SELECT array_agg(id) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1", id))!;
        Assert.Equal(Prospects, firsts.Length);
        await grain.ReviewAsync(new EmailReview(firsts, true, "reviewer@avenir.test", null));
        Assert.Equal(CampaignOutcome.Done, (await grain.ChangeStatusAsync(CampaignStatuses.Active)).Outcome);
        return (id, grain);
    }

    private async Task<Guid> TemplateAsync(string language, string subject, string greeting)
    {
        var id = Guid.NewGuid();
        var saved = await fixture.Grains.GetGrain<IEmailTemplateGrain>(id).SaveAsync(new EmailTemplateDraft(
            $"Intro {id:N}", null, language, "outreach", subject,
            $"<p>{greeting}</p><p><a href=\"{OutreachApiFixture.CaseStudyUrl}\">Case study</a></p>", greeting,
            [new("business_name"), new("contact_first_name")]));
        Assert.Equal(TemplateSaveOutcome.Saved, saved.Outcome);
        return id;
    }

    private async Task<long> SentOrBouncedAsync(Guid campaignId, int step) =>
        (long)(await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = $2 AND message_id IS NOT NULL AND " +
                "coalesce(sent_at, bounced_at) IS NOT NULL", campaignId, (short)step))!;

    private async Task<Dictionary<string, long>> EventsAsync(Guid campaignId)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var action in new[] { "sent", "bounced", "replied", "unsubscribed", "opened", "clicked" })
        {
            counts[action] = (long)(await fixture.ScalarAsync(
                "SELECT count(DISTINCT email_id) FROM outreach_tracking WHERE campaign_id = $1 AND action = $2", campaignId, action))!;
        }

        return counts;
    }

    /// <summary>
    /// Every send of the mailbox (its emails' send or send-time bounce instants): inside the window in the recipients'
    /// zone, at least the minimum spacing apart, and never more than the daily limit in any 24 hours.
    /// </summary>
    private async Task AssertWithinTheMailboxLimitsAsync(Guid campaignId)
    {
        var instants = ((DateTime[])(await fixture.ScalarAsync(
            "SELECT array_agg(coalesce(sent_at, bounced_at) ORDER BY coalesce(sent_at, bounced_at)) FROM outreach_emails " +
                "WHERE campaign_id = $1 AND message_id IS NOT NULL", campaignId))!).Select(t => new DateTimeOffset(t, TimeSpan.Zero)).ToArray();
        Assert.Equal(Prospects + Prospects - 6, instants.Length);
        for (var i = 0; i < instants.Length; i++)
        {
            var local = TimeZoneInfo.ConvertTime(instants[i], Toronto);
            Assert.InRange(local.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(17));
            if (i > 0)
            {
                var gap = instants[i] - instants[i - 1];
                Assert.True(gap >= OutreachMailFixture.MinimumSpacing, $"send {i} came {gap} after the last");
            }

            Assert.True(instants.Count(t => t > instants[i] - TimeSpan.FromDays(1) && t <= instants[i]) <= OutreachMailFixture.DailyLimit,
                $"more than {OutreachMailFixture.DailyLimit} sends in the 24 hours before {instants[i]:O}");
        }
    }

    /// <summary>A GET as the recipient's mail app makes it (a request without a user agent is a link scanner's).</summary>
    private async Task<HttpResponseMessage> BrowserGetAsync(Uri path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148");
        return await fixture.Http.SendAsync(request);
    }

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static MimeMessage Reply(MimeMessage original, string text)
    {
        var reply = new MimeMessage { Subject = "Re: " + original.Subject, InReplyTo = original.MessageId, Body = new TextPart("plain") { Text = text } };
        reply.From.Add(original.To.Mailboxes.Single());
        reply.To.Add(original.From.Mailboxes.Single());
        reply.References.Add(original.MessageId!);
        reply.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("shop.example");
        return reply;
    }

    private static MimeMessage OutOfOffice(MimeMessage original)
    {
        var away = Reply(original, "I am out of the office until Monday and will answer on my return.");
        away.Subject = "Automatic reply: " + original.Subject;
        away.Headers.Add("Auto-Submitted", "auto-replied");
        return away;
    }

    /// <summary>A Postfix DSN whose only trace of the original is the Message-ID in its <c>text/rfc822-headers</c> part.</summary>
    private static MimeMessage Dsn(MimeMessage original)
    {
        var recipient = To(original);
        var raw = $"""
            Return-Path: <>
            From: MAILER-DAEMON@mail.avenir-agence.ca (Mail Delivery System)
            To: {OutreachMailFixture.MailboxAddress}
            Subject: Undelivered Mail Returned to Sender
            Date: Fri, 27 Nov 2026 10:15:40 -0500 (EST)
            Message-ID: <{Guid.NewGuid():N}@mail.avenir-agence.ca>
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b0undary"

            --b0undary
            Content-Type: text/plain; charset=us-ascii

            Your message could not be delivered to <{recipient}>.

            --b0undary
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.avenir-agence.ca

            Final-Recipient: rfc822; {recipient}
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown

            --b0undary
            Content-Type: text/rfc822-headers

            From: "Marc Tremblay" <{OutreachMailFixture.MailboxAddress}>
            To: <{recipient}>
            Subject: {original.Subject}
            Message-ID: <{original.MessageId}>

            --b0undary--

            """.ReplaceLineEndings("\r\n");
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
    }

    private static MimeMessage Newsletter()
    {
        var message = new MimeMessage { Subject = "Your weekly digest", Body = new TextPart("plain") { Text = "News." } };
        message.From.Add(MailboxAddress.Parse("news@supplier.example"));
        message.To.Add(MailboxAddress.Parse(OutreachMailFixture.MailboxAddress));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("supplier.example");
        return message;
    }

    private static string UnsubscribeUrl(MimeMessage message) =>
        HttpsInAngles().Match(message.Headers[HeaderId.ListUnsubscribe] ?? "").Groups[1].Value;

    private static string TrackedUrl(MimeMessage message, string path) =>
        TrackingLink().Matches(message.HtmlBody ?? "").Select(m => m.Value)
            .First(u => u.StartsWith(OutreachApiFixture.TrackingBase + path, StringComparison.Ordinal));

    /// <summary>A tracking URL the silo wrote (its public origin) as a path on the API under test.</summary>
    private static Uri Local(string url) => new(new Uri(url).PathAndQuery, UriKind.Relative);

    [GeneratedRegex("<(https://[^>]+)>")]
    private static partial Regex HttpsInAngles();

    [GeneratedRegex("https://go\\.avenir\\.test/[^\"'\\s<>]+")]
    private static partial Regex TrackingLink();
}
