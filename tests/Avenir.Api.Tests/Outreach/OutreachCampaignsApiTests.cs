using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Tests.Outreach;

/// <summary>The admin campaign and mailbox API over real HTTP: the draft → review → active → completed flow, live metrics, admin only.</summary>
[Collection(OutreachApiCollection.Name)]
public sealed class OutreachCampaignsApiTests(OutreachApiFixture fixture)
{
    private const string Campaigns = "/api/admin/outreach/campaigns";

    private async Task<DashboardSession> AdminAsync() => await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static object Campaign(string industry, Guid? template, object? sender = null) => new
    {
        name = $"Campaign {industry}",
        target = new { industries = new[] { industry } },
        settings = new
        {
            sender = sender ?? new
            {
                mailboxId = OutreachApiFixture.Mailbox, name = "Marc Tremblay", address = "marc@avenir-agence.ca", company = "Avenir Agence",
                postalAddress = "1200 boul. René-Lévesque O., Montréal QC  H3B 4W8",
            },
            templateEn = template,
            followUpBusinessDays = new[] { 3 },
            window = new { days = new[] { 1, 2, 3, 4, 5 }, start = "09:00:00", end = "17:00:00" },
            defaultTimeZone = "America/Toronto",
        },
    };

    private static async Task<Guid> TemplateAsync(DashboardSession admin)
    {
        var created = await admin.PostAsync("/api/admin/outreach/templates", new
        {
            name = $"Intro {Guid.NewGuid():N}",
            language = "en",
            subject = "An idea for {{ business_name }}",
            html = "<p>Hi {{ contact_first_name | default: 'there' }},</p>",
            text = "Hi {{ contact_first_name | default: 'there' }}",
            variables = new object[] { new { name = "business_name" }, new { name = "contact_first_name", required = false } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await JsonAsync(created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_campaign_with_an_ab_test_as_the_form_sends_it_is_created_and_its_test_awaits_its_sample()
    {
        using var admin = await AdminAsync();
        var industry = $"ab-{Guid.NewGuid():N}"[..12];
        await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@clinic.example");
        var body = new
        {
            name = $"Campaign {industry}",
            target = new { industries = new[] { industry }, regions = Array.Empty<string>(), language = (string?)null, minScore = (int?)null },
            settings = new
            {
                sender = new
                {
                    mailboxId = OutreachApiFixture.Mailbox, name = "Marc Tremblay", address = "marc@avenir-agence.ca", company = "Avenir Agence",
                    postalAddress = "1200 boul. René-Lévesque O., Montréal QC  H3B 4W8",
                },
                templateEn = await TemplateAsync(admin), templateFr = (Guid?)null,
                followUpBusinessDays = new[] { 3, 7 },
                window = new { days = new[] { 1, 2, 3, 4, 5 }, start = "09:00:00", end = "17:00:00" },
                defaultTimeZone = "America/Toronto",
                abTemplateEn = await TemplateAsync(admin),
                abTest = new { decidingMetric = "reply", significance = 0.05, minimumSamplePerArm = 100, testShare = 0.5 },
            },
        };

        var created = await admin.PostAsync(Campaigns, body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();
        var generation = await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/generate"));
        Assert.Equal((1, 0), (generation.GetProperty("prospects").GetInt32(), generation.GetProperty("heldForAbTest").GetInt32()));
        var test = Assert.Single((await JsonAsync(await admin.GetAsync($"{Campaigns}/{id}/ab-tests"))).EnumerateArray().ToList());
        Assert.Equal(("en", "insufficient_sample"), (test.GetProperty("language").GetString(), test.GetProperty("outcome").GetString()));
        Assert.Equal(0, (await JsonAsync(await admin.GetAsync($"{Campaigns}/{id}/timeline"))).GetArrayLength());

        // A template that is not an outreach one (the clients' auto-reply templates share the table) is named, not a 500.
        var autoReply = (Guid)(await fixture.ScalarAsync("SELECT id FROM email_templates WHERE category <> 'outreach' ORDER BY id LIMIT 1"))!;
        var refused = await admin.PostAsync(Campaigns, Campaign(industry, autoReply));
        await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains(autoReply.ToString(), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_goes_from_draft_through_review_to_active_paused_and_completed_with_live_metrics()
    {
        using var admin = await AdminAsync();
        var industry = $"flow-{Guid.NewGuid():N}"[..14];
        var reachable = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@clinic.example");
        var unreachable = await fixture.AddProspectAsync(industry, email: null);

        var created = await admin.PostAsync(Campaigns, Campaign(industry, await TemplateAsync(admin)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await JsonAsync(created);
        var id = campaign.GetProperty("id").GetGuid();
        Assert.Equal("draft", campaign.GetProperty("status").GetString());
        Assert.Equal(admin.Account.ClientId, campaign.GetProperty("clientId").GetGuid());

        var generation = await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/generate"));
        Assert.Equal(2, generation.GetProperty("prospects").GetInt32());
        Assert.Equal(1, generation.GetProperty("missingEmail").GetInt32());

        var firsts = (await admin.GetJsonAsync($"{Campaigns}/{id}/emails?step=1")).EnumerateArray().ToList();
        Assert.Equal(2, firsts.Count);
        Assert.True(Assert.Single(firsts, e => e.GetProperty("prospectId").GetGuid() == unreachable).GetProperty("missingEmail").GetBoolean());
        var first = Assert.Single(firsts, e => e.GetProperty("prospectId").GetGuid() == reachable);
        Assert.Equal("pending", first.GetProperty("status").GetString());
        Assert.StartsWith("An idea for ", first.GetProperty("subject").GetString(), StringComparison.Ordinal);

        var review = await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/review", new { allPending = true, approve = true }));
        Assert.True(review.GetProperty("changed").GetInt32() >= 1);
        var approved = Assert.Single((await admin.GetJsonAsync($"{Campaigns}/{id}/emails?status=approved&step=1")).EnumerateArray().ToList());
        Assert.Equal(admin.Account.Email, approved.GetProperty("approvedBy").GetString());

        Assert.Equal("active", (await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/activate"))).GetProperty("status").GetString());

        // The send path reports one accepted send to the grain: the detail shows it at once (from the grain, not SQL).
        var emailId = first.GetProperty("id").GetGuid();
        var grain = fixture.Grains.GetGrain<ICampaignGrain>(id);
        Assert.NotNull((await grain.PrepareSendAsync(emailId)).Ticket);
        await grain.RecordSendAsync(new OutreachSendReport(emailId, SendOutcomeKind.Accepted, $"{emailId:N}@avenir.test", [], [], null, null, 250,
            "2.0.0", "accepted", null));
        Assert.Equal(1, (await admin.GetJsonAsync($"{Campaigns}/{id}")).GetProperty("metrics").GetProperty("sent").GetInt32());
        Assert.Contains((await admin.GetJsonAsync($"{Campaigns}?status=active")).EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == id && c.GetProperty("sent").GetInt32() == 1);

        Assert.Equal("paused", (await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/pause"))).GetProperty("status").GetString());
        Assert.Equal("active", (await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/resume"))).GetProperty("status").GetString());
        Assert.Equal("completed", (await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/complete"))).GetProperty("status").GetString());
        var refused = await AssertProblemAsync(await admin.PostAsync($"{Campaigns}/{id}/resume"), HttpStatusCode.Conflict);
        Assert.Equal("invalid_transition", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_rejected_email_is_not_sent_and_a_missing_campaign_is_a_404_problem()
    {
        using var admin = await AdminAsync();
        var industry = $"rej-{Guid.NewGuid():N}"[..13];
        var prospect = await fixture.AddProspectAsync(industry, $"{Guid.NewGuid():N}@clinic.example");
        var id = (await JsonAsync(await admin.PostAsync(Campaigns, Campaign(industry, await TemplateAsync(admin))))).GetProperty("id").GetGuid();
        await admin.PostAsync($"{Campaigns}/{id}/generate");
        var emailId = await fixture.EmailIdAsync(id, prospect, 1);

        var review = await JsonAsync(await admin.PostAsync($"{Campaigns}/{id}/review", new { emailIds = new[] { emailId }, approve = false, reason = "tone" }));

        Assert.True(review.GetProperty("changed").GetInt32() >= 1);
        Assert.Equal("rejected", await fixture.EmailStatusAsync(emailId));
        await AssertProblemAsync(await admin.PostAsync($"{Campaigns}/{id}/review", new { approve = true }), HttpStatusCode.BadRequest);
        var missing = Guid.NewGuid();
        await AssertProblemAsync(await admin.GetAsync($"{Campaigns}/{missing}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.PostAsync($"{Campaigns}/{missing}/generate"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.PostAsync($"{Campaigns}/{missing}/activate"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.GetAsync($"{Campaigns}/{missing}/emails"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.GetAsync($"{Campaigns}/{missing}/ab-tests"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await JsonAsync(await admin.GetAsync($"{Campaigns}/{id}/ab-tests"))).GetArrayLength()); // no template B: no test
    }

    [Fact]
    public async Task A_draft_can_be_edited_an_active_campaign_cannot_and_the_review_queue_checks_its_paging()
    {
        using var admin = await AdminAsync();
        var industry = $"edit-{Guid.NewGuid():N}"[..14];
        var template = await TemplateAsync(admin);
        var id = (await JsonAsync(await admin.PostAsync(Campaigns, Campaign(industry, template)))).GetProperty("id").GetGuid();

        var renamed = await admin.SendAsync(HttpMethod.Put, $"{Campaigns}/{id}", Campaign(industry + "-b", template));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal($"Campaign {industry}-b", (await JsonAsync(renamed)).GetProperty("name").GetString());

        await admin.PostAsync($"{Campaigns}/{id}/activate");
        var refused = await AssertProblemAsync(await admin.SendAsync(HttpMethod.Put, $"{Campaigns}/{id}", Campaign(industry, template)),
            HttpStatusCode.Conflict);
        Assert.Equal("campaign_not_editable", refused.GetProperty("code").GetString());

        await AssertProblemAsync(await admin.GetAsync($"{Campaigns}/{id}/emails?limit=0"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await admin.GetAsync($"{Campaigns}/{id}/emails?status=lost"), HttpStatusCode.BadRequest);
        Assert.Equal(0, (await admin.GetJsonAsync($"{Campaigns}/{id}/emails?status=pending&limit=10&offset=0")).GetArrayLength());
    }

    [Fact]
    public async Task An_incomplete_sender_or_an_unknown_template_is_a_400_that_says_which()
    {
        using var admin = await AdminAsync();

        var noPostalAddress = await AssertProblemAsync(await admin.PostAsync(Campaigns, Campaign("x", await TemplateAsync(admin),
            sender: new { mailboxId = "m", name = "Marc", address = "marc@avenir-agence.ca", company = "Avenir" })), HttpStatusCode.BadRequest);
        Assert.Equal("settings.sender", noPostalAddress.GetProperty("parameter").GetString());

        var unknownTemplate = await AssertProblemAsync(await admin.PostAsync(Campaigns, Campaign("x", Guid.NewGuid())), HttpStatusCode.BadRequest);
        Assert.Equal("unknown_template", unknownTemplate.GetProperty("code").GetString());

        await AssertProblemAsync(await admin.PostAsync(Campaigns, new { name = "No settings" }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await admin.GetAsync($"{Campaigns}?status=running"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_mailbox_shows_its_configured_limit_and_the_sends_of_the_last_24_hours()
    {
        using var admin = await AdminAsync();
        var before = await admin.GetJsonAsync($"/api/admin/outreach/mailboxes/{OutreachApiFixture.Mailbox}");
        Assert.Equal(OutreachApiFixture.MailboxDailyLimit, before.GetProperty("dailyLimit").GetInt32());

        var permit = await fixture.Grains.GetGrain<IOutreachMailboxGrain>(OutreachApiFixture.Mailbox)
            .ReserveSendAsync(new CampaignWindow([.. Enum.GetValues<DayOfWeek>()], TimeOnly.MinValue, TimeOnly.MaxValue), "America/Toronto");
        Assert.True(permit.Allowed);

        var after = await admin.GetJsonAsync($"/api/admin/outreach/mailboxes/{OutreachApiFixture.Mailbox}");
        Assert.Equal(before.GetProperty("sentInLast24Hours").GetInt32() + 1, after.GetProperty("sentInLast24Hours").GetInt32());
        await AssertProblemAsync(await admin.GetAsync("/api/admin/outreach/mailboxes/not%20a%20key"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Campaigns_and_mailboxes_are_for_admins_only()
    {
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        using var anonymous = fixture.NewBrowser();

        await AssertProblemAsync(await anonymous.GetAsync(Campaigns), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await client.GetAsync(Campaigns), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.PostAsync(Campaigns, Campaign("x", Guid.NewGuid())), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.GetAsync("/api/admin/outreach/mailboxes"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await anonymous.GetAsync("/api/admin/outreach/mailboxes"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_outreach_endpoints_and_leaves_the_tracking_links_out()
    {
        var document = await fixture.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/admin/outreach/campaigns/{id}/review\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/admin/outreach/templates/{id}/preview\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/admin/outreach/mailboxes/{mailboxId}\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/u/{token}\"", document, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage answer, HttpStatusCode status)
    {
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == status, $"{(int)answer.StatusCode}: {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }
}
