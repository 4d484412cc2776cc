using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Dashboard;

[Collection(ApiCollection.Name)]
public sealed class LeadEndpointTests(ApiFixture fixture)
{
    private string Db => fixture.Database.OwnerConnectionString;

    private async Task<(DashboardSession Session, DashboardUserAccount Account)> SignedInAsync()
    {
        var account = await fixture.RegisterUserAsync();
        return (await DashboardSession.SignInAsync(fixture, account), account);
    }

    private static Guid[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];

    [Fact]
    public async Task List_shows_active_leads_newest_first_with_the_list_fields()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var now = fixture.Clock.GetUtcNow();
        var older = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Older", receivedAt: now.AddHours(-2));
        var newer = await DashboardSession.CreateLeadAsync(
            fixture, account.ClientId, name: "Newer", company: "Acme", intent: "pricing_quote", urgency: "High", language: "fr", confidence: 0.83,
            receivedAt: now.AddHours(-1));
        var archived = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Archived");
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync($"/api/dashboard/leads/{archived}/archive")).StatusCode);

        var page = await session.GetJsonAsync("/api/dashboard/leads");

        Assert.Equal([newer, older], Ids(page));
        Assert.Equal(2, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(25, page.GetProperty("pageSize").GetInt32());
        var item = page.GetProperty("items")[0];
        Assert.Equal("Newer", item.GetProperty("name").GetString());
        Assert.Equal("Acme", item.GetProperty("company").GetString());
        Assert.Equal("pricing_quote", item.GetProperty("intent").GetString());
        Assert.Equal("High", item.GetProperty("urgency").GetString());
        Assert.Equal(0.83, item.GetProperty("confidence").GetDouble(), 3);
        Assert.Equal("Bonjour, je voudrais un rendez-vous.", item.GetProperty("messagePreview").GetString());
        foreach (var field in new[] { "email", "language", "tone", "summary", "tag", "archived", "deleted", "converted", "receivedAt" })
        {
            Assert.True(item.TryGetProperty(field, out _), $"list item has '{field}'");
        }
    }

    [Fact]
    public async Task Page_past_the_end_is_empty_but_keeps_the_total_and_huge_page_size_is_capped_at_100()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        for (var i = 0; i < 3; i++)
        {
            await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: $"Lead {i}");
        }

        var pastTheEnd = await session.GetJsonAsync("/api/dashboard/leads?page=9&pageSize=2");
        var huge = await session.GetJsonAsync("/api/dashboard/leads?pageSize=100000");
        var second = await session.GetJsonAsync("/api/dashboard/leads?page=2&pageSize=2");

        Assert.Empty(Ids(pastTheEnd));
        Assert.Equal(3, pastTheEnd.GetProperty("total").GetInt64());
        Assert.Equal(100, huge.GetProperty("pageSize").GetInt32());
        Assert.Equal(3, Ids(huge).Length);
        Assert.Single(Ids(second));
    }

    [Fact]
    public async Task Keyset_pages_walk_every_lead_once_newest_first_and_the_last_page_has_no_next_cursor()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var now = fixture.Clock.GetUtcNow();
        var leads = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add(await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: $"Keyset {i}", receivedAt: now.AddMinutes(-10 + i)));
        }

        var seen = new List<Guid>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await session.GetJsonAsync("/api/dashboard/leads?pageSize=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages); // 2 + 2 + 1, the last without a next cursor
        Assert.Equal(Enumerable.Reverse(leads), seen);
    }

    [Fact]
    public async Task The_total_of_a_list_narrowed_only_by_status_comes_from_the_clients_grain_and_a_filtered_total_is_counted()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Counted A", intent: "pricing_quote");
        await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Counted B");
        var archived = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Counted C");
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync($"/api/dashboard/leads/{archived}/archive")).StatusCode);
        var stats = await session.GetJsonAsync("/api/dashboard/stats");

        var active = await session.GetJsonAsync("/api/dashboard/leads");
        var all = await session.GetJsonAsync("/api/dashboard/leads?status=all");
        var filtered = await session.GetJsonAsync("/api/dashboard/leads?intent=pricing_quote");

        Assert.Equal(("grain", stats.GetProperty("active").GetInt64()),
            (active.GetProperty("totalSource").GetString(), active.GetProperty("total").GetInt64()));
        Assert.Equal(2, active.GetProperty("total").GetInt64());
        Assert.Equal(("grain", 3L), (all.GetProperty("totalSource").GetString(), all.GetProperty("total").GetInt64()));
        Assert.Equal(("count", 1L), (filtered.GetProperty("totalSource").GetString(), filtered.GetProperty("total").GetInt64()));
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // base64url, but 27 bytes
    [InlineData("cursor=________________________________")] // 32 characters, but a negative instant
    [InlineData("cursor=CN0eRBoKwAABmrJ8TmxXK4-3LmLRJ9eE&sort=name")]
    [InlineData("cursor=CN0eRBoKwAABmrJ8TmxXK4-3LmLRJ9eE&page=2")]
    public async Task A_cursor_that_is_not_one_the_API_gave_or_with_another_order_or_a_page_gets_400_invalid_cursor(string query)
    {
        var (session, _) = await SignedInAsync();
        using var owned = session;

        var response = await session.GetAsync($"/api/dashboard/leads?{query}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_cursor");
        Assert.Equal("cursor", problem.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("intent=foo", "intent")]
    [InlineData("sort=bar", "sort")]
    [InlineData("status=x", "status")]
    [InlineData("urgency=urgent", "urgency")]
    [InlineData("language=de", "language")]
    [InlineData("dir=sideways", "dir")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2025-13-45", "to")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("from=2025-02-01&to=2025-01-01", "from")]
    public async Task Unknown_filter_value_gets_400_naming_the_parameter(string query, string parameter)
    {
        var (session, _) = await SignedInAsync();
        using var owned = session;

        var response = await session.GetAsync($"/api/dashboard/leads?{query}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task Filters_select_by_intent_urgency_language_tag_dates_and_text()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var now = fixture.Clock.GetUtcNow();
        var pricing = await DashboardSession.CreateLeadAsync(
            fixture, account.ClientId, name: "Marc Tremblay", intent: "pricing_quote", urgency: "High", language: "fr",
            receivedAt: new DateTimeOffset(2025, 3, 10, 15, 0, 0, TimeSpan.Zero));
        var demo = await DashboardSession.CreateLeadAsync(
            fixture, account.ClientId, name: "Ann Lee", company: "100%_Growth Inc", intent: "demo_request", urgency: "Low", language: "en",
            receivedAt: new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero));
        var other = await DashboardSession.CreateLeadAsync(
            fixture, account.ClientId, name: "Zoé Gagnon", message: "Avez-vous des disponibilités samedi?", receivedAt: now);
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync($"/api/dashboard/leads/{other}/tag", new { tag = "Hot Lead" })).StatusCode);

        Assert.Equal([pricing], Ids(await session.GetJsonAsync("/api/dashboard/leads?intent=pricing_quote")));
        Assert.Equal([demo], Ids(await session.GetJsonAsync("/api/dashboard/leads?urgency=low")));
        Assert.Equal([demo], Ids(await session.GetJsonAsync("/api/dashboard/leads?language=en")));
        Assert.Equal([other], Ids(await session.GetJsonAsync("/api/dashboard/leads?tag=Hot%20Lead")));
        Assert.Equal([pricing], Ids(await session.GetJsonAsync("/api/dashboard/leads?from=2025-03-10&to=2025-03-10")));
        Assert.Equal([demo, pricing], Ids(await session.GetJsonAsync("/api/dashboard/leads?from=2025-03-01&to=2025-03-31")));
        Assert.Equal([other], Ids(await session.GetJsonAsync("/api/dashboard/leads?q=disponibilit")));
        Assert.Equal([pricing], Ids(await session.GetJsonAsync("/api/dashboard/leads?q=TREMBLAY")));
        // % and _ are matched literally, not as wildcards.
        Assert.Equal([demo], Ids(await session.GetJsonAsync("/api/dashboard/leads?q=100%25_G")));
        Assert.Empty(Ids(await session.GetJsonAsync("/api/dashboard/leads?q=%25%25%25x")));
    }

    [Fact]
    public async Task Sorts_by_urgency_confidence_and_name_in_both_directions()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var low = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Charlie", urgency: "Low", confidence: 0.9);
        var high = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "alice", urgency: "High", confidence: 0.2);
        var medium = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Bob", urgency: "Medium", confidence: 0.5);

        Assert.Equal([high, medium, low], Ids(await session.GetJsonAsync("/api/dashboard/leads?sort=urgency")));
        Assert.Equal([low, medium, high], Ids(await session.GetJsonAsync("/api/dashboard/leads?sort=urgency&dir=asc")));
        Assert.Equal([low, medium, high], Ids(await session.GetJsonAsync("/api/dashboard/leads?sort=confidence")));
        Assert.Equal([high, medium, low], Ids(await session.GetJsonAsync("/api/dashboard/leads?sort=name&dir=asc")));
    }

    [Fact]
    public async Task Status_filter_selects_archived_deleted_converted_or_all()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var active = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        var archived = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        var deleted = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        var converted = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        await session.PostAsync($"/api/dashboard/leads/{archived}/archive");
        await session.PostAsync($"/api/dashboard/leads/{deleted}/delete");
        await session.PostAsync($"/api/dashboard/leads/{converted}/convert");

        Assert.Equal([converted, active], Ids(await session.GetJsonAsync("/api/dashboard/leads?status=active")));
        Assert.Equal([archived], Ids(await session.GetJsonAsync("/api/dashboard/leads?status=archived")));
        Assert.Equal([deleted], Ids(await session.GetJsonAsync("/api/dashboard/leads?status=deleted")));
        Assert.Equal([converted], Ids(await session.GetJsonAsync("/api/dashboard/leads?status=converted")));
        Assert.Equal(4, (await session.GetJsonAsync("/api/dashboard/leads?status=all")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Detail_has_the_fields_enrichment_histories_auto_reply_notes_and_actions()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, company: "Acme");
        await Rows.ExecuteAsync(Db,
            """
            UPDATE lead_memory SET intent = 'service_inquiry', tone = 'Friendly', urgency = 'Medium', confidence_score = 0.71,
                   ai_summary = 'Wants an appointment.',
                   enrichment_status = 'completed', enrichment_model = 'test-model', enriched_at = created_at,
                   tone_history = '[{"value":"Friendly","at":"2025-01-01T00:00:00Z","model":"test-model"}]',
                   auto_reply_status = 'skipped', auto_reply_note = 'ai reply off', metadata = '{"utm_source":"google"}'
             WHERE id = $1
            """, leadId);
        await session.PostAsync($"/api/dashboard/leads/{leadId}/notes", new { text = "Called back, left a message." });

        var lead = await session.GetJsonAsync($"/api/dashboard/leads/{leadId}");

        Assert.Equal(leadId, lead.GetProperty("id").GetGuid());
        Assert.Equal("Acme", lead.GetProperty("company").GetString());
        Assert.Equal("google", lead.GetProperty("metadata").GetProperty("utm_source").GetString());
        var enrichment = lead.GetProperty("enrichment");
        Assert.Equal("completed", enrichment.GetProperty("status").GetString());
        Assert.Equal("service_inquiry", enrichment.GetProperty("intent").GetString());
        Assert.Equal("test-model", enrichment.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.String, enrichment.GetProperty("enrichedAt").ValueKind);
        Assert.Equal("Friendly", lead.GetProperty("toneHistory")[0].GetProperty("value").GetString());
        Assert.Equal(0, lead.GetProperty("urgencyHistory").GetArrayLength());
        Assert.Equal("skipped", lead.GetProperty("autoReply").GetProperty("status").GetString());
        Assert.Equal("Called back, left a message.", lead.GetProperty("notes")[0].GetProperty("text").GetString());
        var actions = lead.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["note_added", "created"], actions);
    }

    [Fact]
    public async Task Unknown_lead_is_404_problem()
    {
        var (session, _) = await SignedInAsync();
        using var owned = session;

        await Problems.AssertAsync(await session.GetAsync($"/api/dashboard/leads/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Each_command_changes_the_lead_and_records_its_action_by_the_signed_in_user()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        var steps = new (string Path, object? Body, string Action, string Check)[]
        {
            ("tag", new { tag = "Warm" }, "tagged", "current_tag = 'Warm'"),
            ("archive", null, "archived", "archived AND archived_at IS NOT NULL"),
            ("unarchive", null, "reactivated", "NOT archived AND archived_at IS NULL"),
            ("delete", null, "deleted", "deleted AND deleted_at IS NOT NULL"),
            ("restore", null, "restored", "NOT deleted AND deleted_at IS NULL"),
            ("archive", null, "archived", "archived"),
            ("reactivate", null, "reactivated", "NOT archived AND NOT deleted"),
            ("convert", null, "converted", "converted_at IS NOT NULL AND current_tag = 'Converted'"),
            ("revert-conversion", new { reason = "Client cancelled the contract" }, "reverted", "converted_at IS NULL AND current_tag IS NULL"),
        };

        foreach (var (path, body, action, check) in steps)
        {
            var before = await Rows.CountAsync(
                Db, "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = $2 AND performed_by = $3", leadId, action, account.Email);
            var response = await session.PostAsync($"/api/dashboard/leads/{leadId}/{path}", body);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean(), path);
            Assert.Equal(1, await Rows.CountAsync(Db, $"SELECT count(*) FROM lead_memory WHERE id = $1 AND {check}", leadId));
            Assert.Equal(before + 1, await Rows.CountAsync(
                Db, "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = $2 AND performed_by = $3", leadId, action, account.Email));
        }

        Assert.Equal(1, await Rows.CountAsync(Db,
            "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = 'reverted' "
            + "AND reversion_reason = 'Client cancelled the contract' AND conversion_outcome = false",
            leadId));
        Assert.Equal(1, await Rows.CountAsync(Db,
            "SELECT count(*) FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'lead_conversion' AND outcome = 'positive'", leadId));
        Assert.Equal(1, await Rows.CountAsync(Db,
            "SELECT count(*) FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'lead_conversion' AND outcome = 'negative' "
            + "AND notes = 'Client cancelled the contract'",
            leadId));
    }

    [Fact]
    public async Task Repeating_a_command_changes_nothing_and_records_no_second_action()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);

        await session.PostAsync($"/api/dashboard/leads/{leadId}/archive");
        var again = await session.PostAsync($"/api/dashboard/leads/{leadId}/archive");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        Assert.Equal(1, await Rows.CountAsync(Db, "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = 'archived'", leadId));
    }

    [Fact]
    public async Task Commands_that_do_not_apply_are_409_or_400_problems()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);

        await Problems.AssertAsync(
            await session.PostAsync($"/api/dashboard/leads/{leadId}/revert-conversion", new { reason = "no" }), HttpStatusCode.Conflict, "not_converted");
        await Problems.AssertAsync(
            await session.PostAsync($"/api/dashboard/leads/{leadId}/revert-conversion", new { reason = " " }), HttpStatusCode.BadRequest, "invalid_reason");
        await Problems.AssertAsync(
            await session.PostAsync($"/api/dashboard/leads/{leadId}/tag", new { tag = new string('x', 51) }), HttpStatusCode.BadRequest, "invalid_tag");
        await session.PostAsync($"/api/dashboard/leads/{leadId}/delete");
        await Problems.AssertAsync(await session.PostAsync($"/api/dashboard/leads/{leadId}/convert"), HttpStatusCode.Conflict, "lead_deleted");
        await Problems.AssertAsync(
            await session.PostAsync($"/api/dashboard/leads/{leadId}/notes", new { text = "hi" }), HttpStatusCode.Conflict, "lead_deleted");
    }

    [Fact]
    public async Task Notes_are_added_edited_with_history_and_soft_deleted_each_with_its_action()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);

        var added = await session.PostAsync($"/api/dashboard/leads/{leadId}/notes", new { text = "First call done." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var noteId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var edited = await session.SendAsync(HttpMethod.Put, $"/api/dashboard/leads/{leadId}/notes/{noteId}", new { text = "First call done; quote sent." });
        var editedNote = await edited.Content.ReadFromJsonAsync<JsonElement>();
        var listed = await session.GetJsonAsync($"/api/dashboard/leads/{leadId}/notes");
        var deleted = await session.SendAsync(HttpMethod.Delete, $"/api/dashboard/leads/{leadId}/notes/{noteId}");
        var afterDelete = await session.GetJsonAsync($"/api/dashboard/leads/{leadId}/notes");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("First call done; quote sent.", editedNote.GetProperty("text").GetString());
        Assert.Equal("First call done.", editedNote.GetProperty("editHistory")[0].GetProperty("text").GetString());
        Assert.Equal(account.Email, editedNote.GetProperty("editHistory")[0].GetProperty("performedBy").GetString());
        Assert.Equal(noteId, listed[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, afterDelete.GetArrayLength());
        Assert.Equal(1, await Rows.CountAsync(
            Db, "SELECT count(*) FROM lead_notes WHERE id = $1 AND deleted_at IS NOT NULL AND jsonb_array_length(edit_history) = 1", noteId));
        foreach (var action in new[] { "note_added", "note_edited", "note_deleted" })
        {
            Assert.Equal(1, await Rows.CountAsync(Db,
                "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = $2 AND metadata->>'noteId' = $3 AND performed_by = $4",
                leadId, action, noteId.ToString(), account.Email));
        }

        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Put, $"/api/dashboard/leads/{leadId}/notes/{noteId}", new { text = "again" }),
            HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(
            await session.PostAsync($"/api/dashboard/leads/{leadId}/notes", new { text = "  " }), HttpStatusCode.BadRequest, "invalid_note");
    }

    [Fact]
    public async Task Erase_is_admin_only_and_removes_the_lead_with_its_rows()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        await session.PostAsync($"/api/dashboard/leads/{leadId}/notes", new { text = "note" });
        await session.PostAsync($"/api/dashboard/leads/{leadId}/convert");
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Delete, $"/api/dashboard/leads/{leadId}?erase=true"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(
            await admin.SendAsync(HttpMethod.Delete, $"/api/dashboard/leads/{leadId}?clientId={account.ClientId}"),
            HttpStatusCode.BadRequest, "erase_not_confirmed");
        var erased = await admin.SendAsync(HttpMethod.Delete, $"/api/dashboard/leads/{leadId}?erase=true&clientId={account.ClientId}");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(0, await Rows.CountAsync(Db, "SELECT count(*) FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal(0, await Rows.CountAsync(Db, "SELECT count(*) FROM lead_notes WHERE lead_id = $1", leadId));
        Assert.Equal(0, await Rows.CountAsync(Db, "SELECT count(*) FROM lead_actions WHERE lead_id = $1", leadId));
        Assert.Equal(1, await Rows.CountAsync(
            Db, "SELECT count(*) FROM feedback_tracking WHERE client_id = $1 AND action_type = 'lead_conversion' AND lead_id IS NULL", account.ClientId));
        await Problems.AssertAsync(await session.GetAsync($"/api/dashboard/leads/{leadId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Activity_lists_the_clients_actions_newest_first()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Active Person");
        await session.PostAsync($"/api/dashboard/leads/{leadId}/tag", new { tag = "Cold" });
        await session.PostAsync($"/api/dashboard/leads/{leadId}/archive");

        var page = await session.GetJsonAsync("/api/dashboard/activity?page=1&pageSize=2");

        Assert.Equal(3, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["archived", "tagged"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal("Active Person", items[0].GetProperty("leadName").GetString());
        Assert.Equal(account.Email, items[0].GetProperty("performedBy").GetString());
        Assert.Equal("Cold", items[1].GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Csv_export_applies_the_filters_quotes_per_RFC_4180_and_neutralises_formulas()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        await DashboardSession.CreateLeadAsync(
            fixture, account.ClientId, name: "=HYPERLINK(\"http://evil\")", company: "Smith, Jones & Co", message: "Line one\nline \"two\"",
            intent: "complaint");
        await DashboardSession.CreateLeadAsync(fixture, account.ClientId, name: "Not exported", intent: "spam");

        var response = await session.GetAsync("/api/dashboard/leads/export.csv?intent=complaint");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,received_at,name,email,phone,company,", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"Smith, Jones & Co\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"Line one\nline \"\"two\"\"\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Not exported", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        await Problems.AssertAsync(await session.GetAsync("/api/dashboard/leads/export.csv?status=nope"), HttpStatusCode.BadRequest, "invalid_parameter");
    }

    [Fact]
    public async Task Stats_count_from_sql_then_follow_commands_and_new_leads()
    {
        var (session, account) = await SignedInAsync();
        using var owned = session;
        var first = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        var second = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        await DashboardSession.CreateLeadAsync(fixture, account.ClientId, receivedAt: fixture.Clock.GetUtcNow().AddDays(-3));

        var initial = await session.GetJsonAsync("/api/dashboard/stats");
        await session.PostAsync($"/api/dashboard/leads/{first}/archive");
        await session.PostAsync($"/api/dashboard/leads/{second}/convert");
        var afterCommands = await session.GetJsonAsync("/api/dashboard/stats");

        Assert.Equal(3, initial.GetProperty("total").GetInt64());
        Assert.Equal(2, initial.GetProperty("leadsToday").GetInt64());
        Assert.Equal(3, initial.GetProperty("active").GetInt64());
        Assert.Equal(2, afterCommands.GetProperty("active").GetInt64());
        Assert.Equal(1, afterCommands.GetProperty("archived").GetInt64());
        Assert.Equal(1, afterCommands.GetProperty("converted").GetInt64());

        // A lead through intake is counted by the client's grain before intake answers 201.
        var posted = await Leads.IntakeRequests.SendOnceAsync(fixture.Http, Leads.IntakeRequests.Json(Leads.IntakeRequests.Lead(), account.ApiKey));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(4, (await session.GetJsonAsync("/api/dashboard/stats")).GetProperty("total").GetInt64());
    }
}
