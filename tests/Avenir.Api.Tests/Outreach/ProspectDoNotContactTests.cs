using Avenir.Contracts.Outreach;

namespace Avenir.Api.Tests.Outreach;

/// <summary>A hard bounce marks the prospect do-not-contact through its own grain; an automatic reply does not.</summary>
[Collection(OutreachApiCollection.Name)]
public sealed class ProspectDoNotContactTests(OutreachApiFixture fixture)
{
    [Fact]
    public async Task A_hard_bounce_marks_the_prospect_do_not_contact_and_an_out_of_office_leaves_it_alone()
    {
        var bounced = await fixture.SentEmailAsync();
        var away = await fixture.SentEmailAsync();
        var at = fixture.Clock.GetUtcNow();

        Assert.True(await away.Campaign.RecordInboundAsync(
            new OutreachInbound(away.EmailId, InboundEventKind.AutomaticReply, $"<ooo-{away.EmailId:N}@mail.example>", "owner@clinic.example",
                "Out of office", at)));
        Assert.True(await bounced.Campaign.RecordInboundAsync(
            new OutreachInbound(bounced.EmailId, InboundEventKind.HardBounce, $"<dsn-{bounced.EmailId:N}@mail.example>", "mailer-daemon@mail.example",
                "550 5.1.1 user unknown", at)));

        Assert.Equal(true, await DoNotContactAsync(bounced.ProspectId));
        Assert.Equal(false, await DoNotContactAsync(away.ProspectId));
        Assert.Equal(OutreachEmailStatuses.Cancelled, await fixture.EmailStatusAsync(bounced.FollowUpId));
    }

    private Task<object?> DoNotContactAsync(Guid prospectId) =>
        fixture.ScalarAsync("SELECT do_not_contact FROM prospect_candidates WHERE id = $1", prospectId);
}
