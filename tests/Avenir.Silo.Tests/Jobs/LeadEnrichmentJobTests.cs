using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Avenir.Contracts.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Silo.Tests.Jobs;

[Collection(LeadPipelineCollection.Name)]
public sealed class LeadEnrichmentJobTests(LeadPipelineFixture fixture)
{
    private const string FrenchMessage = "Bonjour, avez-vous des disponibilités samedi pour un nettoyage?";

    [Fact]
    public async Task Enrichment_is_applied_through_the_lead_grain()
    {
        var engine = new FixedEnrichmentEngine();
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("en", "Friendly");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, FrenchMessage);

        Assert.Equal(1, await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment));

        var lead = await fixture.Grains.GetLeadGrain(clientId, leadId).GetAsync();
        Assert.NotNull(lead);
        Assert.Equal(("fr", "appointment_booking", "Friendly", "High", (decimal?)0.87m),
            (lead.Language, lead.Intent, lead.Tone, lead.Urgency, lead.Confidence));
        Assert.Equal("Veut un rendez-vous samedi.", lead.Summary);
        var processing = await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync();
        Assert.Equal(("completed", "fixed-test-engine-1"), (processing!.EnrichmentStatus, processing.EnrichmentModel));
        Assert.Equal("completed", await fixture.ScalarAsync(
            "SELECT status FROM queue_jobs WHERE id = $1", await fixture.JobIdAsync(JobTypes.LeadEnrichment, leadId)));
    }

    [Fact]
    public async Task A_lead_in_another_language_is_stored_as_other_with_its_code_never_as_english()
    {
        const string spanish = "Hola, quisiera una cita para una limpieza dental la próxima semana, por favor.";
        var engine = new FixedEnrichmentEngine
        {
            // What the local engine answers for Spanish: handled in the client's language, the real one kept.
            Answer = _ => new("en", "appointment_booking", "Friendly", "Medium", 0.3, "Quisiera una cita para una limpieza dental.", "fixed-test-engine-1")
            {
                DetectedLanguage = "es",
            },
        };
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("en", "Friendly");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, spanish);

        Assert.Equal(1, await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment));

        var lead = await fixture.Grains.GetLeadGrain(clientId, leadId).GetAsync();
        Assert.Equal((LeadLanguages.Other, "es"), (lead!.Language, lead.DetectedLanguage));
        Assert.Equal("other|es|extractive|es", await fixture.ScalarAsync(
            "SELECT concat_ws('|', language, detected_language, ai_summary_source, ai_summary_language) FROM lead_memory WHERE id = $1", leadId));
    }

    [Fact]
    public async Task A_job_that_runs_twice_after_a_crash_appends_to_the_histories_and_logs_the_prediction_once()
    {
        var engine = new FixedEnrichmentEngine();
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("fr", "Professional");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, FrenchMessage);

        // Worker A applies the enrichment, then dies before it can mark the job completed.
        var crashed = Assert.Single(
            await harness.Queue.ClaimAsync("worker-a", 1, harness.Time.GetUtcNow(), TimeSpan.FromSeconds(30), [JobTypes.LeadEnrichment]));
        var handler = new Avenir.Silo.Enrichment.LeadEnrichmentJobHandler(fixture.Grains, harness.Services, harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Avenir.Silo.Enrichment.LeadEnrichmentJobHandler>.Instance);
        await handler.HandleAsync(new Avenir.Silo.Jobs.JobContext(crashed, harness.Queue), CancellationToken.None);

        // Its lease runs out and worker B runs the job again.
        harness.Time.Advance(TimeSpan.FromSeconds(331));
        Assert.Equal(1, await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment));

        Assert.Equal(2, engine.Calls);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT jsonb_array_length(tone_history) FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT jsonb_array_length(confidence_history) FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT jsonb_array_length(urgency_history) FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal(1L, await fixture.ScalarAsync("SELECT count(*) FROM feedback_tracking WHERE lead_id = $1", leadId));
        // Aggregated in process, not a row per lead.
        Assert.Equal(0L, await fixture.ScalarAsync("SELECT count(*) FROM performance_metrics WHERE client_id = $1", clientId));
        Assert.Equal("""{"at": "x", "model": "fixed-test-engine-1", "value": "Friendly"}""",
            await fixture.ScalarAsync("SELECT jsonb_set(tone_history -> 0, '{at}', '\"x\"')::text FROM lead_memory WHERE id = $1", leadId));
        Assert.Contains(
            "\"applied\": false",
            (string?)await fixture.ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1", crashed.Id),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_enrichment_by_another_job_appends_a_second_history_entry()
    {
        var engine = new FixedEnrichmentEngine();
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("fr", "Professional");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, FrenchMessage);
        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);

        engine.Answer = _ => new("fr", "pricing_quote", "Frustrated", "Medium", 0.55, "Veut un prix.", "fixed-test-engine-2");
        await harness.Queue.EnqueueAsync(JobTypes.LeadEnrichment, new LeadJobPayload(clientId, leadId), harness.Time.GetUtcNow(), $"reanalysis-{leadId}");
        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);

        Assert.Equal("""["Friendly", "Frustrated"]""",
            await fixture.ScalarAsync("SELECT jsonb_path_query_array(tone_history, '$[*].value')::text FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal("""[0.87, 0.55]""",
            await fixture.ScalarAsync("SELECT jsonb_path_query_array(confidence_history, '$[*].value')::text FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal("pricing_quote", (await fixture.Grains.GetLeadGrain(clientId, leadId).GetAsync())!.Intent);
    }

    [Fact]
    public async Task The_prediction_is_logged_in_feedback_tracking_and_the_latency_goes_to_the_performance_recorder()
    {
        var engine = new FixedEnrichmentEngine();
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("en", "Professional");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, "Hi, could I book a cleaning next week?");

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);

        Assert.Equal("system_performance|neutral|fixed-test-engine-1|0.870|appointment_booking|en|t",
            await fixture.ScalarAsync(
                """
                SELECT concat_ws('|', action_type, outcome, model_name, confidence_score, context_data -> 'prediction' ->> 'intent',
                                 context_data -> 'prediction' ->> 'language', expires_at > $3::timestamptz + interval '364 days')
                FROM feedback_tracking WHERE lead_id = $1 AND client_id = $2
                """, leadId, clientId, harness.Time.GetUtcNow()));
        // No performance_metrics row per lead: the engine's latency and the intake-to-enriched time are aggregated per client.
        Assert.Equal(0L, await fixture.ScalarAsync("SELECT count(*) FROM performance_metrics WHERE client_id = $1", clientId));
        var recorded = harness.Services.GetRequiredService<Avenir.Infrastructure.Metrics.PerformanceRecorder>().Drain().Where(a => a.Key.ClientId == clientId)
            .Select(a => $"{a.Key.EventType}|{a.Key.MetricName}|{a.Key.SourceComponent}|{a.Key.Unit}|{a.Count}|{a.Errors}").Order(StringComparer.Ordinal);
        Assert.Equal(["ai_analysis|enrichment_latency|fixed_enrichment_engine|ms|1|0", "lead_processing|intake_to_enriched|lead_pipeline|ms|1|0"], recorded);
    }

    [Fact]
    public async Task An_enrichment_that_fails_on_its_last_attempt_marks_the_lead_failed()
    {
        var engine = new FixedEnrichmentEngine { Answer = _ => throw new InvalidOperationException("model file missing") };
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("en", "Professional");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, "Hello", "Bob");
        var jobId = await fixture.SingleAttemptEnrichmentAsync(leadId);

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);

        Assert.Equal("failed", await fixture.ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1", jobId));
        Assert.Contains(
            "model file missing", (string?)await fixture.ScalarAsync("SELECT error FROM queue_jobs WHERE id = $1", jobId), StringComparison.Ordinal);
        Assert.Equal("failed", (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!.EnrichmentStatus);
    }

    [Fact]
    public async Task Due_enrichments_run_as_one_batch_and_a_bad_lead_fails_alone_while_a_missing_lead_completes_unapplied()
    {
        var engine = new FixedEnrichmentEngine
        {
            Answer = request => request.Message switch
            {
                var m when m.Contains("explode", StringComparison.Ordinal) => throw new InvalidOperationException("the model choked"),
                var m when m.Contains("nonsense", StringComparison.Ordinal) =>
                    new("en", "not_an_intent", "Friendly", "High", 0.5, "Nonsense.", "fixed-test-engine-1"),
                _ => new("en", "pricing_quote", "Friendly", "Medium", 0.61, "Wants a price.", "fixed-test-engine-1"),
            },
        };
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("en", "Friendly");
        var (good, _) = await fixture.CreateLeadAsync(clientId, "How much is a cleaning?");
        var (exploding, _) = await fixture.CreateLeadAsync(clientId, "Please explode.");
        var (nonsense, _) = await fixture.CreateLeadAsync(clientId, "Some nonsense.");
        var (alsoGood, _) = await fixture.CreateLeadAsync(clientId, "What do you charge for whitening?");
        var missing = await harness.Queue.EnqueueAsync(
            JobTypes.LeadEnrichment, new LeadJobPayload(clientId, Guid.NewGuid()), harness.Time.GetUtcNow(), $"missing-{Guid.NewGuid()}");

        Assert.Equal(1, await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment));

        // One batch call for the four leads; it threw (the exploding lead), so each lead was then enriched alone.
        Assert.Equal(1, engine.BatchCalls);
        foreach (var leadId in new[] { good, alsoGood })
        {
            Assert.Equal("completed", await fixture.ScalarAsync(
                "SELECT status FROM queue_jobs WHERE id = $1", await fixture.JobIdAsync(JobTypes.LeadEnrichment, leadId)));
            Assert.Equal("pricing_quote", (await fixture.Grains.GetLeadGrain(clientId, leadId).GetAsync())!.Intent);
        }

        Assert.Equal("pending|1|InvalidOperationException: the model choked", await fixture.ScalarAsync(
            "SELECT concat_ws('|', status, attempts, last_error) FROM queue_jobs WHERE id = $1", await fixture.JobIdAsync(JobTypes.LeadEnrichment, exploding)));
        Assert.Contains("outside the taxonomy", (string?)await fixture.ScalarAsync(
            "SELECT last_error FROM queue_jobs WHERE id = $1 AND status = 'pending'", await fixture.JobIdAsync(JobTypes.LeadEnrichment, nonsense)),
            StringComparison.Ordinal);
        Assert.Null((await fixture.Grains.GetLeadGrain(clientId, nonsense).GetAsync())!.Intent);
        Assert.Equal("completed|false", await fixture.ScalarAsync(
            "SELECT concat_ws('|', status, result ->> 'applied') FROM queue_jobs WHERE id = $1", missing!.Value));
    }
}
