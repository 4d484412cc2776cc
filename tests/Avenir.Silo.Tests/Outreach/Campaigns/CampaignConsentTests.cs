using Avenir.Contracts.Prospects;
using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>
/// CASL consent enforced at the send call (issue 12 item 7): the basis recorded through the prospect's grain is read and
/// <c>ConsentCheck</c> runs before each message; a refusal sends nothing, says why and lets the campaign go on.
/// </summary>
[Collection(CampaignCollection.Name)]
public sealed class CampaignConsentTests(CampaignFixture fixture)
{
    [Fact]
    public async Task A_prospect_without_a_basis_is_refused_at_the_send_with_the_reason_recorded_and_the_others_are_sent()
    {
        var industry = CampaignFixture.Unique("consent");
        var without = $"none-{Guid.NewGuid():N}@clinic.example";
        var with = $"yes-{Guid.NewGuid():N}@clinic.example";
        var refusedProspect = await fixture.AddProspectAsync(industry, without, consent: false);
        var sentProspect = await fixture.AddProspectAsync(industry, with);
        var (id, grain) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-consent"), await fixture.AddTemplateAsync("en"), followUps: [3]));

        var pass = await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);

        Assert.Equal((1, 1), (pass.Sent, pass.Refused));
        Assert.Empty(fixture.ReceivedBy(without));
        Assert.Single(fixture.ReceivedBy(with));
        Assert.Equal("sent", await fixture.EmailStatusAsync(id, sentProspect, 1));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, refusedProspect, 1));
        Assert.Equal("cancelled", await fixture.EmailStatusAsync(id, refusedProspect, 2));
        var lastError = (string)(await fixture.ScalarAsync(
            "SELECT last_error FROM outreach_emails WHERE campaign_id = $1 AND prospect_id = $2 AND follow_up_sequence = 1", id, refusedProspect))!;
        Assert.StartsWith("consent_missing (no_consent_basis)", lastError, StringComparison.Ordinal);
        Assert.Equal("cancelled", await fixture.ScalarAsync("SELECT status FROM prospect_outreach_log WHERE outreach_email_id = $1",
            await fixture.EmailIdAsync(id, refusedProspect, 1)));
        Assert.Equal(lastError, await fixture.ScalarAsync(
            "SELECT metadata->'history'->-1->>'reason' FROM prospect_outreach_log WHERE outreach_email_id = $1",
            await fixture.EmailIdAsync(id, refusedProspect, 1)));
        Assert.Equal(1, (await grain.GetMetricsAsync()).Sent);
        Assert.Equal(1L, await fixture.ScalarAsync("SELECT count(*) FROM outreach_tracking WHERE campaign_id = $1 AND action = 'sent'", id));

        // Nothing is left due for the refused prospect: a second pass sends and refuses nothing.
        var again = await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);
        Assert.Equal((0, 0), (again.Sent, again.Refused));
        Assert.Empty(fixture.ReceivedBy(without));
    }

    [Fact]
    public async Task A_publication_basis_seen_over_a_year_ago_is_refused_and_a_recent_one_is_sent()
    {
        var industry = CampaignFixture.Unique("consent-pub");
        var stale = $"stale-{Guid.NewGuid():N}@roofing.example";
        var fresh = $"fresh-{Guid.NewGuid():N}@roofing.example";
        var staleProspect = await fixture.AddProspectAsync(industry, stale, consent: false);
        var freshProspect = await fixture.AddProspectAsync(industry, fresh, consent: false);
        var now = fixture.Clock.GetUtcNow();
        await fixture.RecordConsentAsync(staleProspect, Published(stale, staleProspect, now.AddDays(-400)));
        await fixture.RecordConsentAsync(freshProspect, Published(fresh, freshProspect, now.AddDays(-10)));
        var (id, _) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-consent"), await fixture.AddTemplateAsync("en"), followUps: [3]));

        var pass = await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None);

        Assert.Equal((1, 1), (pass.Sent, pass.Refused));
        Assert.Empty(fixture.ReceivedBy(stale));
        Assert.Single(fixture.ReceivedBy(fresh));
        Assert.StartsWith("consent_missing (publication_stale)", (string)(await fixture.ScalarAsync(
            "SELECT last_error FROM outreach_emails WHERE campaign_id = $1 AND prospect_id = $2 AND follow_up_sequence = 1", id, staleProspect))!,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_basis_for_another_address_of_the_prospect_does_not_cover_the_recipient()
    {
        var industry = CampaignFixture.Unique("consent-other");
        var address = $"sales-{Guid.NewGuid():N}@firm.example";
        var prospect = await fixture.AddProspectAsync(industry, address, consent: false);
        await fixture.RecordConsentAsync(prospect, new ProspectConsentEvidence(ProspectConsentKinds.ExpressConsent, $"info-{Guid.NewGuid():N}@firm.example",
            null, fixture.Clock.GetUtcNow().AddDays(-1), "email", false, "Reply: yes", "reviewer@avenir.test"));
        var (id, _) = await fixture.ApprovedCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-consent"), await fixture.AddTemplateAsync("en")));

        Assert.Equal(1, (await fixture.Runner.SendDueAsync(id, 10, CancellationToken.None)).Refused);
        Assert.Empty(fixture.ReceivedBy(address));
        Assert.StartsWith("consent_missing (basis_for_other_address)", (string)(await fixture.ScalarAsync(
            "SELECT last_error FROM outreach_emails WHERE campaign_id = $1 AND prospect_id = $2 AND follow_up_sequence = 1", id, prospect))!,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grain_refuses_a_publication_basis_without_its_page_and_a_prospect_no_source_named()
    {
        var prospect = await fixture.AddProspectAsync(CampaignFixture.Unique("consent-grain"), "a@shop.example", consent: false);
        var grain = fixture.Grains.GetGrain<IProspectGrain>($"b{prospect:N}.example");
        var noPage = new ProspectConsentEvidence(ProspectConsentKinds.ConspicuousPublication, "a@shop.example", null, fixture.Clock.GetUtcNow(),
            null, false, "Website redesign offer to the shop's contact address", "reviewer@avenir.test");

        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordConsentAsync(noPage));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordConsentAsync(noPage with
        {
            SourceUrl = "https://shop.example/contact", Note = "relevant\0",
        }));
        Assert.Null(await fixture.Grains.GetGrain<IProspectGrain>($"never-{Guid.NewGuid():N}.example")
            .RecordConsentAsync(noPage with { SourceUrl = "https://shop.example/contact" }));
        Assert.Equal(0L, await fixture.ScalarAsync("SELECT count(*) FROM prospect_consent WHERE prospect_id = $1", prospect));
    }

    [Fact]
    public async Task Generation_flags_a_prospect_without_a_basis_for_the_reviewer()
    {
        var industry = CampaignFixture.Unique("consent-gen");
        var without = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@gen.example", consent: false);
        var with = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@gen.example");
        var (_, grain) = await fixture.AddCampaignAsync(industry,
            CampaignFixture.Settings(CampaignFixture.Unique("mbx-consent"), await fixture.AddTemplateAsync("en")));

        var generation = await grain.GenerateEmailsAsync();

        Assert.Equal(2, generation.Prospects);
        Assert.Equal([$"{without}:consent_missing(no_consent_basis)"], generation.Problems);
        Assert.DoesNotContain(generation.Problems, p => p.StartsWith(with.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_scope_can_neither_read_nor_write_consent_evidence()
    {
        var prospect = await fixture.AddProspectAsync(CampaignFixture.Unique("consent-rls"), $"{Guid.NewGuid():N}@rls.example");
        Assert.Equal(1L, await fixture.ScalarAsync("SELECT count(*) FROM prospect_consent WHERE prospect_id = $1", prospect));
        var client = await OwnerSql.CreateClientAsync(fixture.Database, "Consent RLS client");
        var database = new TenantDatabase(NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString));

        await using (var transaction = await database.BeginForClientAsync(client))
        {
            Assert.Equal(0L, await transaction.ExecuteScalarAsync<long>("SELECT count(*) FROM prospect_consent"));
        }

        await using (var transaction = await database.BeginForClientAsync(client))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => transaction.ExecuteAsync(
                """
                INSERT INTO prospect_consent (prospect_id, basis_kind, email_address, seen_at, method, note, recorded_by)
                VALUES (@prospect, 'express_consent', 'x@rls.example', now(), 'oral', 'planted', 'client')
                """, new { prospect }));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        await using (var system = await database.BeginForSystemAsync())
        {
            Assert.Equal(1L, await system.ExecuteScalarAsync<long>("SELECT count(*) FROM prospect_consent WHERE prospect_id = @prospect", new { prospect }));
        }
    }

    private static ProspectConsentEvidence Published(string address, Guid prospect, DateTimeOffset seenAt) => new(
        ProspectConsentKinds.ConspicuousPublication, address, $"https://b{prospect:N}.example/contact", seenAt, null, false,
        "Lead-response automation offer to the company's published contact address", "reviewer@avenir.test");
}
