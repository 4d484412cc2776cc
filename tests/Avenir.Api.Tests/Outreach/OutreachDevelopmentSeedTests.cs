using Avenir.Contracts.Outreach;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Avenir.Api.Tests.Outreach;

/// <summary>The development seed's demo campaign, on the real cluster: active with every reachable prospect approved, and idempotent.</summary>
[Collection(OutreachApiCollection.Name)]
public sealed class OutreachDevelopmentSeedTests(OutreachApiFixture fixture)
{
    [Fact]
    public async Task The_demo_campaign_is_active_with_its_three_prospects_approved_and_a_second_run_changes_nothing()
    {
        var seed = new OutreachDevelopmentSeed(fixture.Grains, fixture.Silo.Services.GetRequiredService<TenantDatabase>(),
            NullLogger<OutreachDevelopmentSeed>.Instance);

        await seed.SeedAsync(fixture.AgencyClientId, OutreachApiFixture.Mailbox);
        await seed.SeedAsync(fixture.AgencyClientId, OutreachApiFixture.Mailbox); // every silo runs it at every start

        var campaign = await fixture.Grains.GetGrain<ICampaignGrain>(OutreachDevelopmentSeed.CampaignId).GetAsync();
        Assert.NotNull(campaign);
        Assert.Equal(CampaignStatuses.Active, campaign.Status);
        Assert.Equal(OutreachApiFixture.Mailbox, campaign.Settings.Sender.MailboxId);
        Assert.Equal(3L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1 AND status = 'approved'",
            OutreachDevelopmentSeed.CampaignId));
        Assert.Equal(6L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE campaign_id = $1", OutreachDevelopmentSeed.CampaignId));
        // The send path refuses a prospect without a CASL basis: the seed records one per address, once, labelled as an example.
        Assert.Equal(3L, await fixture.ScalarAsync(
            "SELECT count(*) FROM prospect_consent WHERE recorded_by = $1 AND basis_kind = 'express_consent' AND note LIKE 'Development example%'",
            OutreachDevelopmentSeed.SeedRecorder));
        Assert.Equal(1L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1 AND language = 'fr' AND subject LIKE 'Une idée pour %'",
            OutreachDevelopmentSeed.CampaignId));
        // What the send path will take first: a ticket to an example domain (the scheduler then sends it to the mail server).
        var first = (Guid)(await fixture.ScalarAsync(
            "SELECT id FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1 ORDER BY id LIMIT 1", OutreachDevelopmentSeed.CampaignId))!;
        var ticket = (await fixture.Grains.GetGrain<ICampaignGrain>(OutreachDevelopmentSeed.CampaignId).PrepareSendAsync(first)).Ticket;
        Assert.NotNull(ticket);
        Assert.EndsWith(".example", ticket.RecipientAddress, StringComparison.Ordinal);
    }
}
