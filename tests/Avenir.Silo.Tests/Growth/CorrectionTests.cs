using System.Text.Json;
using Avenir.Contracts.Leads;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Growth;

/// <summary>A user correcting the AI's labels (and setting a tag): the lead, its histories, its action and the feedback rows.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CorrectionTests(ClusterFixture fixture)
{
    private async Task<(Guid ClientId, ILeadGrain Lead, Guid LeadId)> EnrichedLeadAsync()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, TestLeads.Submission("Combien pour un toit?", "Anne"));
        var lead = fixture.Grains.GetLeadGrain(clientId, leadId);
        Assert.True(await lead.ApplyEnrichmentAsync(new LeadEnrichment
        {
            JobId = Guid.NewGuid(),
            Language = "fr",
            Intent = "general_inquiry",
            Tone = "Casual",
            Urgency = "Low",
            Confidence = 0.41m,
            Summary = "Prix d'un toit",
            Model = "local-v3",
        }));
        return (clientId, lead, leadId);
    }

    private async Task<JsonElement> RowAsync(string sql, Guid leadId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = leadId } } };
        return JsonSerializer.Deserialize<JsonElement>((string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Correcting_labels_updates_the_lead_and_its_histories_and_logs_a_negative_feedback_for_the_model()
    {
        var (_, lead, leadId) = await EnrichedLeadAsync();

        var result = await lead.CorrectEnrichmentAsync("pricing_quote", "high", null, "owner@example.ca");

        Assert.Equal(LeadCommandOutcome.Applied, result.Outcome);
        Assert.Equal(("pricing_quote", "High", "Casual"), (result.Status!.Intent, result.Status.Urgency, result.Status.Tone));
        var stored = await RowAsync(
            """
            SELECT jsonb_build_object('intent', intent, 'urgency', urgency, 'tone', tone, 'urgencyHistory', urgency_history, 'toneHistory', tone_history)::text
              FROM lead_memory WHERE id = $1
            """, leadId);
        Assert.Equal("pricing_quote", stored.GetProperty("intent").GetString());
        Assert.Equal("High", stored.GetProperty("urgency").GetString());
        Assert.Equal(["Low", "High"], stored.GetProperty("urgencyHistory").EnumerateArray().Select(entry => entry.GetProperty("value").GetString()));
        Assert.Equal("user_correction", stored.GetProperty("urgencyHistory")[1].GetProperty("model").GetString());
        Assert.Equal(1, stored.GetProperty("toneHistory").GetArrayLength()); // tone not corrected: no entry

        var feedback = await RowAsync(
            """
            SELECT jsonb_build_object('n', count(*), 'action', min(action_type), 'outcome', min(outcome), 'model', min(model_name),
                                      'context', min(context_data::text)::jsonb)::text
              FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'user_action'
            """, leadId);
        Assert.Equal(1, feedback.GetProperty("n").GetInt32());
        Assert.Equal(("user_action", "negative", "local-v3"),
            (feedback.GetProperty("action").GetString(), feedback.GetProperty("outcome").GetString(), feedback.GetProperty("model").GetString()));
        Assert.True(JsonElement.DeepEquals(
            JsonSerializer.Deserialize<JsonElement>(
                """
                {"kind":"enrichment_correction","predicted":{"intent":"general_inquiry","urgency":"Low","tone":"Casual"},
                 "actual":{"intent":"pricing_quote","urgency":"High","tone":"Casual"},"fields":["intent","urgency"]}
                """),
            feedback.GetProperty("context")), feedback.GetProperty("context").ToString());

        var action = await RowAsync(
            "SELECT jsonb_build_object('type', action_type, 'by', performed_by, 'fields', metadata->'fields')::text "
            + "FROM lead_actions WHERE lead_id = $1 AND action_type = 'enrichment_corrected'",
            leadId);
        Assert.Equal("owner@example.ca", action.GetProperty("by").GetString());
        Assert.Equal(["intent", "urgency"], action.GetProperty("fields").EnumerateArray().Select(field => field.GetString()));
    }

    [Fact]
    public async Task A_correction_that_changes_nothing_writes_nothing_and_a_deleted_or_unenriched_lead_is_refused()
    {
        var (clientId, lead, leadId) = await EnrichedLeadAsync();

        Assert.Equal(LeadCommandOutcome.Unchanged, (await lead.CorrectEnrichmentAsync("general_inquiry", "Low", "casual", "u@example.ca")).Outcome);
        Assert.Equal("invalid_label", (await lead.CorrectEnrichmentAsync("cheap", null, null, "u@example.ca")).Refusal);
        await lead.SoftDeleteAsync("u@example.ca");
        Assert.Equal("lead_deleted", (await lead.CorrectEnrichmentAsync("spam", null, null, "u@example.ca")).Refusal);
        var fresh = fixture.Grains.GetLeadGrain(clientId, await TestLeads.SubmitAsync(fixture.Grains, clientId, TestLeads.Submission("Bonjour", "Paul")));
        Assert.Equal("not_enriched", (await fresh.CorrectEnrichmentAsync("spam", null, null, "u@example.ca")).Refusal);
        Assert.Equal(LeadCommandOutcome.NotFound,
            (await fixture.Grains.GetLeadGrain(clientId, Guid.NewGuid()).CorrectEnrichmentAsync("spam", null, null, "u@example.ca")).Outcome);

        var count = await RowAsync("SELECT count(*)::text FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'user_action'", leadId);
        Assert.Equal(0, count.GetInt32());
    }

    [Fact]
    public async Task Setting_a_tag_logs_a_neutral_user_action_with_the_previous_tag()
    {
        var (_, lead, leadId) = await EnrichedLeadAsync();

        await lead.TagAsync("Warm", "owner@example.ca");
        await lead.TagAsync("Hot Lead", "owner@example.ca");

        var feedback = await RowAsync(
            """
            SELECT jsonb_agg(jsonb_build_object('outcome', outcome, 'model', model_name, 'context', context_data)
                             ORDER BY created_at, (context_data->>'tag') DESC)::text
              FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'user_action'
            """, leadId);
        Assert.Equal(2, feedback.GetArrayLength());
        Assert.All(feedback.EnumerateArray(),
            row => Assert.Equal(("neutral", "local-v3"), (row.GetProperty("outcome").GetString(), row.GetProperty("model").GetString())));
        Assert.True(JsonElement.DeepEquals(
            JsonSerializer.Deserialize<JsonElement>("""{"kind":"tag","tag":"Warm","previousTag":null}"""), feedback[0].GetProperty("context")));
        Assert.True(JsonElement.DeepEquals(
            JsonSerializer.Deserialize<JsonElement>("""{"kind":"tag","tag":"Hot Lead","previousTag":"Warm"}"""), feedback[1].GetProperty("context")));
    }
}
