using Avenir.Contracts.Outreach;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>Generation per targeted prospect in its language, review, and the prospect's outreach log.</summary>
[Collection(CampaignCollection.Name)]
public sealed class CampaignEmailTests(CampaignFixture fixture)
{
    [Fact]
    public async Task Generation_writes_each_targeted_prospects_sequence_in_its_language_flags_missing_email_and_is_idempotent()
    {
        var industry = CampaignFixture.Unique("plumbing");
        var english = await fixture.AddProspectAsync(industry, "anna@example.com", "en");
        var french = await fixture.AddProspectAsync(industry, "luc@example.com", "fr", region: "QC");
        var noAddress = await fixture.AddProspectAsync(industry, null, "en");
        var otherIndustry = await fixture.AddProspectAsync(CampaignFixture.Unique("bakery"), "zoe@example.com");
        var (id, grain) = await fixture.AddCampaignAsync(industry,
            CampaignFixture.Settings("mbx-gen", await fixture.AddTemplateAsync("en"), await fixture.AddTemplateAsync("fr")));

        var generation = await grain.GenerateEmailsAsync();

        Assert.Equal(3, generation.Prospects);
        Assert.Equal(9, generation.Created); // 3 prospects × (first email + 2 follow-ups)
        Assert.Equal(1, generation.MissingEmail);
        Assert.Empty(generation.Problems);
        Assert.Equal(0L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE prospect_id = $1", otherIndustry));
        Assert.Equal("fr", await fixture.ScalarAsync("SELECT language FROM outreach_emails WHERE prospect_id = $1 AND follow_up_sequence = 1", french));
        Assert.StartsWith("Une idée pour Business", (string)(await fixture.ScalarAsync(
            "SELECT subject FROM outreach_emails WHERE prospect_id = $1 AND follow_up_sequence = 1", french))!, StringComparison.Ordinal);
        Assert.StartsWith("RE : Une idée pour", (string)(await fixture.ScalarAsync(
            "SELECT subject FROM outreach_emails WHERE prospect_id = $1 AND follow_up_sequence = 2", french))!, StringComparison.Ordinal);
        Assert.Equal("America/Toronto", await fixture.ScalarAsync("SELECT recipient_time_zone FROM outreach_emails WHERE prospect_id = $1 LIMIT 1", english));
        Assert.Equal(true, await fixture.ScalarAsync("SELECT bool_and(missing_email) FROM outreach_emails WHERE prospect_id = $1", noAddress));
        Assert.Contains("Hi Sophie",
            (string)(await fixture.ScalarAsync("SELECT content FROM outreach_emails WHERE prospect_id = $1 AND follow_up_sequence = 1", english))!,
            StringComparison.Ordinal);
        Assert.Equal(9L, await fixture.ScalarAsync(
            "SELECT count(*) FROM prospect_outreach_log WHERE metadata->>'campaignId' = $1 AND status = 'pending'", id.ToString()));

        var again = await grain.GenerateEmailsAsync();
        Assert.Equal(0, again.Created);
        Assert.Equal(9L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE campaign_id = $1", id));
    }

    [Fact]
    public async Task Bulk_approval_approves_whole_sequences_never_an_email_without_address_and_every_change_is_logged()
    {
        var industry = CampaignFixture.Unique("hvac");
        var first = await fixture.AddProspectAsync(industry, "a@example.com");
        var second = await fixture.AddProspectAsync(industry, "b@example.com");
        var noAddress = await fixture.AddProspectAsync(industry, null);
        var (id, grain) = await fixture.AddCampaignAsync(industry, CampaignFixture.Settings("mbx-gen", await fixture.AddTemplateAsync("en")));
        await grain.GenerateEmailsAsync();

        var approved = await grain.ReviewAsync(new EmailReview(
            [await fixture.EmailIdAsync(id, first, 1), await fixture.EmailIdAsync(id, noAddress, 1)], true, "lea@avenir.test", null));
        var rejected = await grain.ReviewAsync(new EmailReview([await fixture.EmailIdAsync(id, second, 1)], false, "lea@avenir.test", "too generic"));

        Assert.Equal(new EmailReviewResult(1, 1), approved);
        Assert.Equal(new EmailReviewResult(1, 0), rejected);
        Assert.Equal(3L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE prospect_id = $1 AND status = 'approved'", first));
        Assert.Equal(3L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE prospect_id = $1 AND status = 'rejected'", second));
        Assert.Equal("too generic", await fixture.ScalarAsync("SELECT rejection_reason FROM outreach_emails WHERE prospect_id = $1 LIMIT 1", second));
        Assert.Equal(3L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_emails WHERE prospect_id = $1 AND status = 'pending'", noAddress));
        Assert.Equal("lea@avenir.test", await fixture.ScalarAsync("SELECT approved_by FROM outreach_emails WHERE prospect_id = $1 LIMIT 1", first));
        Assert.Equal("""["pending", "approved"]""", await fixture.ScalarAsync(
            """
            SELECT jsonb_path_query_array(l.metadata, '$.history[*].status')::text FROM prospect_outreach_log l
              JOIN outreach_emails e ON e.id = l.outreach_email_id WHERE e.prospect_id = $1 AND e.follow_up_sequence = 1
            """, first));
    }
}
