using Avenir.Infrastructure.Database;
using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Infrastructure.Metrics;
using Avenir.Silo.Intelligence.Translation;
using Avenir.Silo.Tests.Intelligence.Ai;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Avenir.Silo.Tests.Learning;

/// <summary>What the lead jobs record in the <see cref="PerformanceRecorder"/>, and the reply to a real auto-reply.</summary>
[Collection(LeadPipelineCollection.Name)]
public sealed class PerformanceMetricPipelineTests(LeadPipelineFixture fixture)
{
    [Fact]
    public async Task Enrichment_and_the_auto_reply_send_are_recorded_per_client_and_a_reply_to_that_message_is_recorded_once()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("fr", "Friendly");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, "Bonjour, avez-vous des disponibilités samedi?");

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        var recorded = harness.Services.GetRequiredService<PerformanceRecorder>().Drain().Where(a => a.Key.ClientId == clientId)
            .Select(a => $"{a.Key.EventType}|{a.Key.MetricName}|{a.Key.SourceComponent}|{a.Count}|{a.Errors}").Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "ai_analysis|enrichment_latency|fixed_enrichment_engine|1|0",
                "email_response|smtp_send|auto_reply|1|0",
                "lead_processing|intake_to_enriched|lead_pipeline|1|0",
            ],
            recorded);

        var grain = fixture.Grains.GetLeadGrain(clientId, leadId);
        var messageId = (await grain.GetProcessingAsync())!.AutoReplyMessageId!;
        Assert.Equal(AutoReplyOutcomeResult.Recorded, await grain.RecordAutoReplyOutcomeAsync(new() { MessageId = messageId, Event = AutoReplyEvent.Replied }));
        Assert.Equal(AutoReplyOutcomeResult.AlreadyRecorded, await grain.RecordAutoReplyOutcomeAsync(
            new() { MessageId = messageId, Event = AutoReplyEvent.Replied }));
        Assert.Equal("positive|fixed-test-engine-1|Friendly", await fixture.ScalarAsync(
            "SELECT concat_ws('|', outcome, model_name, context_data -> 'predicted' ->> 'tone') "
            + "FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'email_response'",
            leadId));
    }

    [Fact]
    public async Task A_failed_enrichment_is_recorded_as_an_error()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine { Answer = _ => throw new InvalidOperationException("model unavailable") });
        var clientId = await fixture.RegisterClientAsync("en", "Professional");
        var (leadId, _) = await fixture.CreateLeadAsync(clientId, "Hi, can you call me back?", "Bob");
        await fixture.SingleAttemptEnrichmentAsync(leadId);

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);

        var failed = Assert.Single(harness.Services.GetRequiredService<PerformanceRecorder>().Drain(), a => a.Key.ClientId == clientId);
        Assert.Equal(("ai_analysis", "enrichment_latency", 1L, 1L, 0.0),
            (failed.Key.EventType, failed.Key.MetricName, failed.Count, failed.Errors, failed.SuccessRate));
    }
}

/// <summary>The translator's latency per source, recorded system-wide (no client).</summary>
public sealed class PerformanceMetricTranslationTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    [Fact]
    public async Task Each_translation_is_recorded_under_its_source()
    {
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        var recorder = new PerformanceRecorder(time);
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);
        var translator = new Translator(new TenantDatabase(dataSource), time, NullLogger<Translator>.Instance, llm: null, recorder);

        await translator.TranslateAsync("appointment", "en", "fr");
        await translator.TranslateAsync("Quote", "en", "fr");
        await translator.TranslateAsync("Our plumber can come on Tuesday morning.", "en", "fr");
        await translator.TranslateAsync("Bonjour", "fr", "fr");

        Assert.Equal(
            ["translation|dictionary_hit|2", "translation|same_language|1", "translation|untranslated|1"],
            recorder.Drain().Where(a => a.Key is { SourceComponent: "translation_service", ClientId: null })
                .Select(a => $"{a.Key.EventType}|{a.Key.MetricName}|{a.Count}").Order(StringComparer.Ordinal));
    }
}
