using Avenir.Contracts.Outreach;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>
/// A template A/B test inside a campaign, end to end on the grain: half the prospects split evenly between the arms, the
/// other half held; sent through the real sender; seeded replies decide only when the z-test says so; the winner's
/// template then goes to the held prospects.
/// </summary>
[Collection(CampaignCollection.Name)]
public sealed class CampaignAbTestTests(CampaignFixture fixture)
{
    private const int Prospects = 60;

    [Fact]
    public async Task The_winner_is_declared_only_when_significant_and_then_written_for_the_held_prospects()
    {
        var industry = CampaignFixture.Unique("florist");
        for (var i = 0; i < Prospects; i++)
        {
            await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@florist.example", score: 90 - (i % 30));
        }

        var templateA = await fixture.AddTemplateAsync("en");
        var templateB = await fixture.AddTemplateAsync("en", subject: "{{ business_name }}: two minutes?");
        var settings = CampaignFixture.Settings(CampaignFixture.Unique("mbx-ab"), templateA) with
        {
            AbTemplateEn = templateB,
            AbTest = new CampaignAbSettings("reply", Significance: 0.05, MinimumSamplePerArm: 15, TestShare: 0.5),
        };
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry, settings);

        // Every other prospect (by score) is in the test, alternating arms: 15 + 15, and 30 wait for the winner.
        var armA = await FirstEmailsAsync(id, "a");
        var armB = await FirstEmailsAsync(id, "b");
        Assert.Equal((15, 15), (armA.Count, armB.Count));
        Assert.Equal(30L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1", id));
        Assert.Equal(15L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND ab_arm = 'b' AND follow_up_sequence = 1 AND template_id = $2", id, templateB));
        Assert.Equal("insufficient_sample", Assert.Single(await grain.GetAbTestsAsync()).Outcome);

        Assert.Equal(30, (await fixture.Runner.SendDueAsync(id, 100, CancellationToken.None)).Sent);

        // 2 of 15 against 4 of 15: pooled 0.2, z = 0.913, p = 0.361 by hand — no winner, nobody else written.
        await ReplyAsync(grain, armA.Take(2));
        await ReplyAsync(grain, armB.Take(4));
        var undecided = Assert.Single(await grain.GetAbTestsAsync());
        Assert.Equal(("no_significant_difference", null, 15L, 15L, 2L, 4L),
            (undecided.Outcome, undecided.Winner, undecided.DeliveredA, undecided.DeliveredB, undecided.RepliedA, undecided.RepliedB));
        Assert.InRange(undecided.PValue!.Value, 0.355, 0.367);
        await grain.DueEmailsAsync(100); // a send pass decides nothing
        Assert.Equal(30L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1", id));

        // 2 of 15 against 11 of 15: pooled 13/30, z = 3.315, p = 0.00092 by hand — B wins.
        await ReplyAsync(grain, armB.Skip(4).Take(7));
        var decided = Assert.Single(await grain.GetAbTestsAsync());
        Assert.Equal(("winner", "b", 11L), (decided.Outcome, decided.Winner, decided.RepliedB));
        Assert.InRange(decided.PValue!.Value, 0.0008, 0.0011);

        // The next send pass records the winner and writes the held prospects with template B, pending review.
        await grain.DueEmailsAsync(100);
        Assert.Equal("{\"en\": \"b\"}", await fixture.ScalarAsync("SELECT ab_winners::text FROM outreach_campaigns WHERE id = $1", id));
        Assert.Equal(30L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1 AND ab_arm IS NULL AND template_id = $2 " +
                "AND status = 'pending'", id, templateB));
        Assert.Equal(0L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_emails WHERE campaign_id = $1 AND ab_arm IS NULL AND template_id = $2", id, templateA));
        Assert.Equal("b", Assert.Single(await grain.GetAbTestsAsync()).Winner); // recorded: stays decided
    }

    private async Task<IReadOnlyList<Guid>> FirstEmailsAsync(Guid campaignId, string arm) =>
        (Guid[])(await fixture.ScalarAsync(
            "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = 1 AND ab_arm = $2",
            campaignId, arm))!;

    private async Task ReplyAsync(ICampaignGrain grain, IEnumerable<Guid> emails)
    {
        foreach (var email in emails)
        {
            Assert.True(await grain.RecordInboundAsync(new OutreachInbound(email, InboundEventKind.Reply, $"<{Guid.NewGuid():N}@florist.example>",
                "owner@florist.example", "Yes, tell me more", fixture.Clock.GetUtcNow())));
        }
    }
}
