using Avenir.Contracts.Outreach;
using Avenir.Grains.Outreach.Mailboxes;
using Avenir.Grains.Outreach.Tracking;
using SmtpServer.Protocol;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>Sending through the mailbox grain and the real MailKit sender to a real SMTP server; stops and tracking.</summary>
[Collection(CampaignCollection.Name)]
public sealed class CampaignSendingTests(CampaignFixture fixture)
{
    [Fact]
    public async Task Concurrent_callers_never_get_more_sends_than_the_mailbox_limit_and_the_limit_rolls_over_24_hours()
    {
        var mailbox = CampaignFixture.Unique("mbx-limit");
        fixture.Limits.Set(mailbox, new MailboxLimitValues(5, TimeSpan.Zero, TimeSpan.Zero));
        var grain = fixture.Grains.GetGrain<IOutreachMailboxGrain>(mailbox);

        var permits = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto")));

        Assert.Equal(5, permits.Count(p => p.Allowed));
        Assert.All(permits.Where(p => !p.Allowed), p => Assert.Equal("daily_limit", p.Reason));
        Assert.Equal(5, (await grain.GetUsageAsync()).SentInLast24Hours);

        fixture.Clock.Advance(TimeSpan.FromDays(1)); // Thursday, same hour: the first sends have left the rolling period
        Assert.True((await grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto")).Allowed);
    }

    [Fact]
    public async Task A_completed_send_counts_from_when_it_left_not_from_its_reservation()
    {
        var mailbox = CampaignFixture.Unique("mbx-done");
        fixture.Limits.Set(mailbox, new MailboxLimitValues(1, TimeSpan.Zero, TimeSpan.Zero));
        var grain = fixture.Grains.GetGrain<IOutreachMailboxGrain>(mailbox);
        var permit = await grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto");
        Assert.True(permit.Allowed);
        Assert.Equal(fixture.Clock.GetUtcNow(), permit.NextAllowedAt); // an allowed permit names the instant it counted

        fixture.Clock.Advance(TimeSpan.FromSeconds(40)); // a slow SMTP transaction
        await grain.CompleteSendAsync(permit.NextAllowedAt);
        Assert.Equal(permit.NextAllowedAt.AddSeconds(40), (await grain.GetUsageAsync()).LastSentAt);

        fixture.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(20)); // 24 h after the reservation, not after the send
        var early = await grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto");
        Assert.Equal(("daily_limit", permit.NextAllowedAt.AddSeconds(40).AddDays(1)), (early.Reason, early.NextAllowedAt));
        fixture.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto")).Allowed);
    }

    [Fact]
    public async Task Spacing_is_enforced_at_the_send_call_and_the_window_applies_in_the_recipients_zone()
    {
        var mailbox = CampaignFixture.Unique("mbx-space");
        fixture.Limits.Set(mailbox, new MailboxLimitValues(50, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)));
        var grain = fixture.Grains.GetGrain<IOutreachMailboxGrain>(mailbox);

        var both = await Task.WhenAll(grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto"),
            grain.ReserveSendAsync(CampaignWindow.BusinessHours, "America/Toronto"));
        Assert.Single(both, p => p.Allowed);
        var refused = Assert.Single(both, p => !p.Allowed);
        Assert.Equal("spacing", refused.Reason);
        Assert.InRange(refused.NextAllowedAt - fixture.Clock.GetUtcNow(), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5));

        // 10:00 in Toronto is 07:00 in Vancouver: that recipient's window is closed.
        var other = CampaignFixture.Unique("mbx-space");
        var vancouver = await fixture.Grains.GetGrain<IOutreachMailboxGrain>(other).ReserveSendAsync(CampaignWindow.BusinessHours, "America/Vancouver");
        Assert.False(vancouver.Allowed);
        Assert.Equal("outside_window", vancouver.Reason);
    }

    [Fact]
    public async Task A_first_email_is_sent_with_casl_headers_and_its_follow_up_threads_on_it_when_due()
    {
        var industry = CampaignFixture.Unique("dental");
        var address = $"{Guid.NewGuid():N}@clinic.example";
        var prospect = await fixture.AddProspectAsync(industry, address);
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-send"), await fixture.AddTemplateAsync("en"), followUps: [3]));

        var pass = await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);

        Assert.Equal(1, pass.Sent);
        var first = Assert.Single(fixture.ReceivedBy(address));
        Assert.StartsWith("<https://go.avenir.test/u/", first.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", first.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("1200 boul. René-Lévesque O.", first.TextBody, StringComparison.Ordinal);
        Assert.Equal("sent", await fixture.EmailStatusAsync(id, prospect, 1));
        Assert.Equal(first.MessageId,
            await fixture.ScalarAsync("SELECT message_id FROM outreach_emails WHERE prospect_id = $1 AND follow_up_sequence = 1", prospect));
        Assert.Equal(1, (await grain.GetMetricsAsync()).Sent);

        // Not due before 3 business days (Wednesday → Monday, same time).
        Assert.Equal(0, (await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None)).Sent);
        fixture.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, (await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None)).Sent);

        var followUp = fixture.ReceivedBy(address).Single(m => m.MessageId != first.MessageId);
        Assert.Equal(first.MessageId, followUp.InReplyTo);
        Assert.Equal([first.MessageId!], followUp.References);
        Assert.Equal("Re: " + first.Subject, followUp.Subject);
        Assert.Equal(2, (await grain.GetMetricsAsync()).Sent);
        Assert.Equal(2L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_tracking WHERE campaign_id = $1 AND action = 'sent'", id));
    }

    [Fact]
    public async Task An_email_with_a_ticket_out_is_not_handed_to_a_second_caller_until_its_send_is_reported_or_deferred()
    {
        var industry = CampaignFixture.Unique("bakery");
        var prospect = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@bakery.example");
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-ticket"), await fixture.AddTemplateAsync("en")));
        var emailId = await fixture.EmailIdAsync(id, prospect, 1);

        var both = await Task.WhenAll(grain.PrepareSendAsync(emailId), grain.PrepareSendAsync(emailId));
        Assert.Single(both, p => p.Ticket is not null);
        Assert.Single(both, p => p.Refusal == SendRefusal.InFlight);

        await grain.DeferAsync(emailId, fixture.Clock.GetUtcNow()); // the mailbox said wait: the ticket is given back
        Assert.NotNull((await grain.PrepareSendAsync(emailId)).Ticket);
        Assert.Equal(SendRefusal.InFlight, (await grain.PrepareSendAsync(emailId)).Refusal);

        await grain.RecordSendAsync(new OutreachSendReport(emailId, SendOutcomeKind.Accepted, $"{emailId:N}@avenir.test", [], [], null, null, 250, "2.0.0",
            "accepted", null));
        Assert.Equal(SendRefusal.NotSendable, (await grain.PrepareSendAsync(emailId)).Refusal); // sent: never again
    }

    [Fact]
    public async Task A_550_at_the_send_call_is_a_hard_bounce_recorded_at_once_suppressed_and_its_follow_ups_cancelled()
    {
        var industry = CampaignFixture.Unique("legal");
        var address = $"gone-{Guid.NewGuid():N}@firm.example";
        var prospect = await fixture.AddProspectAsync(industry, address);
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-bounce"), await fixture.AddTemplateAsync("en")));
        fixture.Smtp.Recipient = to => to == address ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 User unknown") : null;
        try
        {
            var pass = await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);
            Assert.Equal(1, pass.Bounced);
        }
        finally
        {
            fixture.Smtp.Recipient = _ => null;
        }

        var metrics = await grain.GetMetricsAsync();
        Assert.Equal((1, 1, 0), (metrics.Sent, metrics.Bounced, metrics.Delivered));
        Assert.Equal(100, metrics.BounceRate);
        Assert.Equal("bounced", await fixture.EmailStatusAsync(id, prospect, 1));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, prospect, 2));
        Assert.Equal("hard_bounce", await fixture.ScalarAsync("SELECT reason FROM outreach_suppressions WHERE address = $1", address));
        Assert.Equal(1L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_tracking WHERE campaign_id = $1 AND action = 'bounced'", id));
        var emailId = await fixture.EmailIdAsync(id, prospect, 1);
        Assert.Contains(fixture.Events.Received, e => e.EmailId == emailId && e.Action == OutreachActions.Bounced && e.Industry == industry);
        Assert.Equal(1, (int)(await fixture.ScalarAsync("SELECT total_emails_bounced FROM outreach_metrics WHERE campaign_id = $1", id))!);
    }

    [Fact]
    public async Task A_bounce_rate_over_the_threshold_pauses_the_campaign()
    {
        var industry = CampaignFixture.Unique("spa");
        var bad = $"bad-{Guid.NewGuid():N}@spa.example";
        await fixture.AddProspectAsync(industry, bad, score: 90);
        await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@spa.example", score: 80);
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-pause"), await fixture.AddTemplateAsync("en"), bounceThreshold: 50, bounceMinimum: 1));
        fixture.Smtp.Recipient = to => to == bad ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 User unknown") : null;
        try
        {
            await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);
        }
        finally
        {
            fixture.Smtp.Recipient = _ => null;
        }

        var snapshot = await grain.GetAsync();
        Assert.Equal(CampaignStatuses.Paused, snapshot!.Status);
        Assert.Equal(CampaignStatuses.PausedForBounceRate, snapshot.StatusReason);
        Assert.Equal("paused", await fixture.ScalarAsync("SELECT status FROM outreach_campaigns WHERE id = $1", id));
        Assert.Empty(await grain.DueEmailsAsync(10));
    }

    [Fact]
    public async Task A_real_reply_stops_the_follow_ups_and_an_out_of_office_does_not()
    {
        var industry = CampaignFixture.Unique("garage");
        var replier = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@garage.example");
        var away = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@garage.example");
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-reply"), await fixture.AddTemplateAsync("en")));
        Assert.Equal(2, (await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None)).Sent);
        var now = fixture.Clock.GetUtcNow();

        var reply = new OutreachInbound(await fixture.EmailIdAsync(id, replier, 1), InboundEventKind.Reply, "<r1@garage.example>", "x@garage.example",
            "Yes, call me", now);
        Assert.True(await grain.RecordInboundAsync(reply));
        Assert.False(await grain.RecordInboundAsync(reply)); // the same message scanned again
        Assert.True(await grain.RecordInboundAsync(new OutreachInbound(
            await fixture.EmailIdAsync(id, away, 1), InboundEventKind.AutomaticReply, "<ooo@garage.example>", null, "Out of office", now)));

        Assert.Equal("replied", await fixture.EmailStatusAsync(id, replier, 1));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, replier, 2));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, replier, 3));
        Assert.Equal("approved", await fixture.EmailStatusAsync(id, away, 2));
        var metrics = await grain.GetMetricsAsync();
        Assert.Equal(1, metrics.Replied);
        Assert.Equal(50, metrics.ReplyRate);
        Assert.Equal("Yes, call me", await fixture.ScalarAsync(
            "SELECT l.reply_content FROM prospect_outreach_log l JOIN outreach_emails e ON e.id = l.outreach_email_id WHERE e.prospect_id = $1 AND " +
                "e.follow_up_sequence = 1", replier));

        fixture.Clock.Advance(TimeSpan.FromDays(7));
        await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);
        Assert.Equal("sent", await fixture.EmailStatusAsync(id, away, 2));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, replier, 2));
    }

    [Fact]
    public async Task Tracking_records_opens_redirects_only_to_recorded_links_refuses_tampered_tokens_and_unsubscribe_stops_sends()
    {
        var industry = CampaignFixture.Unique("gym");
        var address = $"{Guid.NewGuid():N}@gym.example";
        var prospect = await fixture.AddProspectAsync(industry, address);
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-track"), await fixture.AddTemplateAsync("en")));
        await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);
        var emailId = await fixture.EmailIdAsync(id, prospect, 1);
        // Another campaign to the same prospect, approved before the unsubscribe.
        var (other, _) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-track"), await fixture.AddTemplateAsync("en")));
        var tracking = fixture.Grains.GetGrain<IOutreachTrackingGrain>(0);
        const string browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15";

        Assert.True(await tracking.OpenAsync(fixture.Tokens.CreateOpen(emailId), "Mail/1.0"));
        // At delivery a gateway fetches the link: redirected, not a click.
        Assert.Equal("https://avenir.example/case-study", await tracking.ClickAsync(fixture.Tokens.CreateClick(emailId, 0), "Mimecast-URL-Protect"));
        Assert.Equal(0, (await grain.GetMetricsAsync()).Clicked);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3)); // the recipient reads it
        Assert.Equal("https://avenir.example/case-study", await tracking.ClickAsync(fixture.Tokens.CreateClick(emailId, 0), browser));
        Assert.Null(await tracking.ClickAsync(fixture.Tokens.CreateClick(emailId, 7), null)); // no link 7 in that email
        var token = fixture.Tokens.CreateClick(emailId, 0);
        Assert.Null(await tracking.ClickAsync(token[..^2] + (token[^2] == 'A' ? "BA" : "AA"), null));
        Assert.Null(await tracking.ClickAsync(fixture.Tokens.CreateOpen(emailId), null)); // an open token is no click token
        Assert.False(await tracking.UnsubscribeAsync(fixture.Tokens.CreateOpen(emailId), "one_click"));

        Assert.True(await tracking.UnsubscribeAsync(fixture.Tokens.CreateUnsubscribe(emailId, prospect), "one_click"));
        Assert.True(await tracking.UnsubscribeAsync(fixture.Tokens.CreateUnsubscribe(emailId, prospect), "one_click")); // idempotent

        var metrics = await grain.GetMetricsAsync();
        Assert.Equal((1, 1, 1), (metrics.Opened, metrics.Clicked, metrics.Unsubscribed));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, prospect, 2));
        Assert.Equal(1L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_tracking WHERE email_id = $1 AND action = 'unsubscribed'", emailId));
        Assert.Equal(1L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_tracking WHERE email_id = $1 AND action = 'clicked' AND NOT metadata ? 'suspectedScanner'", emailId));
        Assert.Equal("scanner_user_agent", await fixture.ScalarAsync(
            "SELECT metadata->>'reason' FROM outreach_tracking WHERE email_id = $1 AND action = 'clicked' AND metadata ? 'suspectedScanner'", emailId));
        Assert.Equal("unsubscribed", await fixture.ScalarAsync("SELECT reason FROM outreach_suppressions WHERE address = $1", address));

        // The other campaign, approved before the unsubscribe, sends nothing to them: the send checks the list.
        Assert.Equal("approved", await fixture.EmailStatusAsync(other, prospect, 1));
        var before = fixture.ReceivedBy(address).Count;
        var pass = await fixture.Runner.SendDueAsync(other, 10, CancellationToken.None);
        Assert.Equal(0, pass.Sent);
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(other, prospect, 1));
        Assert.Equal(before, fixture.ReceivedBy(address).Count);
    }
}
