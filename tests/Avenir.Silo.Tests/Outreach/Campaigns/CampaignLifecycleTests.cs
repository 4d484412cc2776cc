using Avenir.Contracts.Outreach;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>The campaign grain as the single writer of its row and metrics: statuses, definition, validation.</summary>
[Collection(CampaignCollection.Name)]
public sealed class CampaignLifecycleTests(CampaignFixture fixture)
{
    [Fact]
    public async Task A_campaign_is_created_as_a_draft_with_zero_metrics_and_its_target_as_data()
    {
        var template = await fixture.AddTemplateAsync("en");
        var (id, grain) = await fixture.AddCampaignAsync("dentistry", CampaignFixture.Settings("mbx-life", template));

        var snapshot = await grain.GetAsync();
        Assert.NotNull(snapshot);
        Assert.Equal(CampaignStatuses.Draft, snapshot.Status);
        Assert.Equal(CampaignMetrics.Empty, snapshot.Metrics);
        Assert.Equal("draft", await fixture.ScalarAsync("SELECT status FROM outreach_campaigns WHERE id = $1", id));
        Assert.Equal("dentistry", await fixture.ScalarAsync("SELECT target_criteria->'industries'->>0 FROM outreach_campaigns WHERE id = $1", id));
        Assert.Equal(3, await fixture.ScalarAsync("SELECT (follow_up_schedule->0->>'businessDays')::int FROM outreach_campaigns WHERE id = $1", id));
        Assert.Equal(template, await fixture.ScalarAsync("SELECT email_template_id FROM outreach_campaigns WHERE id = $1", id));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT total_emails_sent FROM outreach_metrics WHERE campaign_id = $1", id));
    }

    [Fact]
    public async Task Statuses_move_draft_active_paused_active_completed_and_a_completed_campaign_stays_completed()
    {
        var template = await fixture.AddTemplateAsync("en");
        var (id, grain) = await fixture.AddCampaignAsync("law", CampaignFixture.Settings("mbx-life", template));

        foreach (var status in new[] { CampaignStatuses.Active, CampaignStatuses.Paused, CampaignStatuses.Active, CampaignStatuses.Completed })
        {
            Assert.Equal(CampaignOutcome.Done, (await grain.ChangeStatusAsync(status)).Outcome);
            Assert.Equal(status, await fixture.ScalarAsync("SELECT status FROM outreach_campaigns WHERE id = $1", id));
        }

        var refused = await grain.ChangeStatusAsync(CampaignStatuses.Active);
        Assert.Equal(CampaignOutcome.InvalidTransition, refused.Outcome);
        Assert.Equal("invalid_transition", refused.Code);
        Assert.Equal("completed", await fixture.ScalarAsync("SELECT status FROM outreach_campaigns WHERE id = $1", id));
    }

    [Fact]
    public async Task An_active_campaign_cannot_be_edited_until_paused()
    {
        var template = await fixture.AddTemplateAsync("en");
        var settings = CampaignFixture.Settings("mbx-life", template);
        var (id, grain) = await fixture.AddCampaignAsync("roofing", settings);
        await grain.ChangeStatusAsync(CampaignStatuses.Active);

        var refused = await grain.UpdateAsync("Renamed", CampaignTarget.Everyone, settings);
        Assert.Equal("campaign_not_editable", refused.Code);

        await grain.ChangeStatusAsync(CampaignStatuses.Paused);
        Assert.Equal(CampaignOutcome.Done, (await grain.UpdateAsync("Renamed", CampaignTarget.Everyone, settings)).Outcome);
        Assert.Equal("Renamed", await fixture.ScalarAsync("SELECT name FROM outreach_campaigns WHERE id = $1", id));
    }

    [Fact]
    public async Task A_campaign_naming_a_template_that_does_not_exist_is_refused_and_nothing_is_written()
    {
        var id = Guid.NewGuid();
        var missing = Guid.NewGuid();
        var result = await fixture.Grains.GetGrain<ICampaignGrain>(id).CreateAsync(
            new CampaignDraft(fixture.AgencyClientId, "No template", CampaignTarget.Everyone, CampaignFixture.Settings("mbx-life", missing)));

        Assert.Equal(CampaignOutcome.Invalid, result.Outcome);
        Assert.Equal("unknown_template", result.Code);
        Assert.Contains(missing.ToString(), result.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_campaigns WHERE id = $1", id));
        Assert.Null(await fixture.Grains.GetGrain<ICampaignGrain>(id).GetAsync());
    }
}
