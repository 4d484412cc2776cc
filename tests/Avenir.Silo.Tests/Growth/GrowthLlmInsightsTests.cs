using System.Text.Json;
using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Growth;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Jobs;
using Avenir.Silo.Tests.Intelligence.Ai;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Growth;

/// <summary>
/// Growth insights written by the LLM: "refresh now" enqueues the <c>intelligence_analysis</c> job, which recomputes,
/// asks a local server speaking the OpenAI API with the registry's <c>growth_insights</c> prompt and hands the
/// insights to the client grain. Real grains, real PostgreSQL, real prompt_performance.
/// </summary>
public sealed class GrowthLlmInsightsTests(GrowthInsightsFixture fixture) : IClassFixture<GrowthInsightsFixture>, IDisposable
{
    private const string ChatPath = "/v1/chat/completions";
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly string model = "gpt-test-" + Guid.NewGuid().ToString("N")[..8];

    private static readonly string[] English =
    [
        "2 urgent leads this week, none last week; both are still open: call them back today.",
        "Pricing requests are 66.7% of analysed leads: put your rates on the form's thank-you page.",
    ];

    private static readonly string[] French =
    [
        "2 prospects urgents cette semaine, aucun la semaine dernière\u202F; les deux sont encore ouverts\u00A0: rappelez-les aujourd’hui.",
        "Les demandes de soumission forment 66,7\u202F% des prospects analysés\u00A0: affichez vos tarifs sur la page de remerciement.",
    ];

    private static string ValidAnswer => JsonSerializer.Serialize(new { en = English, fr = French });

    public void Dispose() => server.Stop();

    [Fact]
    public async Task A_valid_answer_becomes_the_reports_insights_with_its_model_and_a_prompt_performance_row()
    {
        Reply(200, OpenAiResponses.ChatCompletion(model, ValidAnswer));
        var clientId = await fixture.ClientWithLeadsAsync();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        await using var harness = Harness();

        var refreshed = (await client.RefreshGrowthAsync())!;
        Assert.Equal((GrowthBrainReport.RulesInsights, 3L), (refreshed.InsightsSource, refreshed.TotalLeads)); // the refresh answers at once, by the rules
        Assert.Equal(1, await fixture.AnalysisJobsAsync(clientId));
        Assert.True(await RunAnalysisAsync(harness));

        var report = (await client.GetGrowthAsync())!;
        Assert.Equal(GrowthBrainReport.LlmInsights, report.InsightsSource);
        Assert.Equal(English, report.Insights.En);
        Assert.Equal(French, report.Insights.Fr);
        Assert.Equal($"openai:{model}", report.InsightsModel);
        Assert.NotNull(report.InsightsWrittenAt);

        // The published row carries them, with the source and the model.
        Assert.Equal("llm", await fixture.ScalarAsync("SELECT predictive_insights->>'source' FROM growth_brain WHERE client_id = $1", clientId));
        Assert.Equal($"openai:{model}", await fixture.ScalarAsync("SELECT predictive_insights->>'model' FROM growth_brain WHERE client_id = $1", clientId));
        Assert.Equal(French[1], await fixture.ScalarAsync("SELECT predictive_insights->'fr'->>1 FROM growth_brain WHERE client_id = $1", clientId));

        // The model was given the registry prompt and the figures, not the rules' insights.
        var body = Assert.Single(server.LogEntries).RequestMessage.Body!;
        Assert.Contains("growth analyst", body, StringComparison.Ordinal);
        Assert.Contains("json_schema", body, StringComparison.Ordinal);
        Assert.Contains("openHighUrgency", body, StringComparison.Ordinal);
        Assert.DoesNotContain("insightsSource", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Most common request", body, StringComparison.Ordinal);

        Assert.Equal(1L, await fixture.ScalarAsync(
            """
            SELECT count(*) FROM prompt_performance p JOIN prompt_registry r ON r.id = p.prompt_registry_id
             WHERE r.variant_id = 'growth_insights.en.v1' AND p.client_id = $1 AND p.model_name = $2 AND NOT p.error_occurred
               AND p.output_quality_score = 1 AND p.token_count = 470
            """, clientId, $"openai:{model}"));
        Assert.Equal("llm", await fixture.ScalarAsync(
            "SELECT result->>'insightsSource' FROM queue_jobs WHERE job_type = 'intelligence_analysis' AND payload->>'clientId' = $1 AND status = 'completed'",
            clientId.ToString()));
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("server_error")]
    [InlineData("timeout")]
    [InlineData("too_long")]
    [InlineData("markup")]
    [InlineData("one_language")]
    public async Task A_failed_or_invalid_answer_leaves_the_rules_insights(string failure)
    {
        var settings = AiHarness.OpenAi(server.Urls[0] + "/v1", model);
        switch (failure)
        {
            case "malformed":
                Reply(200, OpenAiResponses.ChatCompletion(model, "{\"en\": [\"Urgent leads up"));
                break;
            case "server_error":
                Reply(500, """{"error":{"message":"The server had an error","type":"server_error"}}""");
                break;
            case "timeout":
                server.Given(Request.Create().WithPath(ChatPath).UsingPost())
                    .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                        .WithBody(OpenAiResponses.ChatCompletion(model, ValidAnswer)).WithDelay(TimeSpan.FromSeconds(4)));
                settings["Ai:Resilience:AttemptTimeout"] = "00:00:00.500";
                settings["Ai:Resilience:TotalTimeout"] = "00:00:01.500";
                break;
            case "too_long":
                Reply(200, OpenAiResponses.ChatCompletion(
                    model, JsonSerializer.Serialize(new { en = new[] { English[0], new string('x', 301) }, fr = French })));
                break;
            case "markup":
                Reply(200, OpenAiResponses.ChatCompletion(model, JsonSerializer.Serialize(new { en = new[] { "**Urgent leads** are up." }, fr = French })));
                break;
            default:
                Reply(200, OpenAiResponses.ChatCompletion(model, JsonSerializer.Serialize(new { en = English })));
                break;
        }

        var clientId = await fixture.ClientWithLeadsAsync();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        await using var harness = Harness(settings);
        var rules = (await client.RefreshGrowthAsync())!.Insights;

        Assert.True(await RunAnalysisAsync(harness));

        var report = (await client.GetGrowthAsync())!;
        Assert.Equal(GrowthBrainReport.RulesInsights, report.InsightsSource);
        Assert.Null(report.InsightsModel);
        Assert.Equal(rules.En, report.Insights.En);
        Assert.Equal(rules.Fr, report.Insights.Fr);
        Assert.Equal("rules", await fixture.ScalarAsync("SELECT predictive_insights->>'source' FROM growth_brain WHERE client_id = $1", clientId));
        Assert.Equal(1L, await fixture.ScalarAsync(
            "SELECT count(*) FROM prompt_performance WHERE client_id = $1 AND error_occurred AND model_name = $2", clientId, $"openai:{model}"));
        Assert.Contains(harness.Logs.Entries,
            entry => entry.Level == LogLevel.Warning && entry.Message.Contains("the rules' insights stay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Insights_are_used_for_24_hours_and_until_a_later_recompute()
    {
        var clientId = await fixture.ClientWithLeadsAsync();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var texts = new GrowthInsightTexts(English, French);

        var recomputed = (await client.RecomputeGrowthAsync())!;
        Assert.True(await client.SetGrowthInsightsAsync(texts, "openai:test-model", recomputed.AnalyzedAt));
        Assert.Equal(("llm", "openai:test-model"), ((await client.GetGrowthAsync())!.InsightsSource, (await client.GetGrowthAsync())!.InsightsModel));

        fixture.Clock.Advance(TimeSpan.FromHours(23.9));
        Assert.Equal(GrowthBrainReport.LlmInsights, (await client.GetGrowthAsync())!.InsightsSource);
        fixture.Clock.Advance(TimeSpan.FromHours(0.1));
        var stale = (await client.GetGrowthAsync())!;
        Assert.Equal((GrowthBrainReport.RulesInsights, (string?)null), (stale.InsightsSource, stale.InsightsModel));
        Assert.NotEqual(English, stale.Insights.En);

        // Fresh again from a new analysis; then a recompute (e.g. "refresh now") makes them describe older figures.
        var again = (await client.RecomputeGrowthAsync())!;
        Assert.True(await client.SetGrowthInsightsAsync(texts, "openai:test-model", again.AnalyzedAt));
        Assert.Equal(GrowthBrainReport.LlmInsights, (await client.GetGrowthAsync())!.InsightsSource);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterRecompute = (await client.RecomputeGrowthAsync())!;
        Assert.Equal(GrowthBrainReport.RulesInsights, afterRecompute.InsightsSource);
        Assert.Equal(GrowthBrainReport.RulesInsights, (await client.GetGrowthAsync())!.InsightsSource);
        Assert.Equal("rules", await fixture.ScalarAsync("SELECT predictive_insights->>'source' FROM growth_brain WHERE client_id = $1", clientId));

        // Insights from figures older than the last recompute are refused.
        Assert.False(await client.SetGrowthInsightsAsync(texts, "openai:test-model", again.AnalyzedAt));
        Assert.Equal(GrowthBrainReport.RulesInsights, (await client.GetGrowthAsync())!.InsightsSource);
    }

    [Fact]
    public async Task Refresh_enqueues_at_most_one_analysis_per_client_every_five_minutes()
    {
        var clientId = await fixture.ClientWithLeadsAsync();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);

        await client.RefreshGrowthAsync();
        await client.RefreshGrowthAsync();
        Assert.Equal(1, await fixture.AnalysisJobsAsync(clientId));
        fixture.Clock.Advance(new GrowthInsightOptions().OnDemandInterval);
        await client.RefreshGrowthAsync();
        Assert.Equal(2, await fixture.AnalysisJobsAsync(clientId));
    }

    [Fact]
    public async Task Only_a_configured_llm_registers_the_insight_writer_and_turns_on_the_refresh_job()
    {
        await using (var local = new AiHarness(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>()))
        {
            Assert.Null(local.Services.GetService<IGrowthInsightWriter>());
            Assert.False(local.Get<IOptions<GrowthInsightOptions>>().Value.LlmWritesInsights);
        }

        await using var llm = Harness();
        Assert.IsType<LlmGrowthInsightWriter>(llm.Get<IGrowthInsightWriter>());
        Assert.True(llm.Get<IOptions<GrowthInsightOptions>>().Value.LlmWritesInsights);
    }

    /// <summary>Runs the due <c>intelligence_analysis</c> jobs as a silo's worker would; true when one ran and completed.</summary>
    private async Task<bool> RunAnalysisAsync(AiHarness harness)
    {
        var ran = false;
        while (await harness.Get<JobRunner>().RunOnceAsync("test-worker", CancellationToken.None, [GrowthAnalysisJobHandler.Type]))
        {
            ran = true;
        }

        return ran && (long)(await fixture.ScalarAsync(
            "SELECT count(*) FROM queue_jobs WHERE job_type = 'intelligence_analysis' AND status <> 'completed'"))! == 0;
    }

    private void Reply(int status, string body) =>
        server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>The silo's AI and growth services as production registers them, on the fixture's cluster and clock.</summary>
    private AiHarness Harness(Dictionary<string, string?>? settings = null) =>
        new(fixture.Database.ApplicationConnectionString, settings ?? AiHarness.OpenAi(server.Urls[0] + "/v1", model), configure: services =>
        {
            services.AddSingleton(fixture.Grains);
            services.AddSingleton<TimeProvider>(fixture.Clock);
            services.AddGrowthAnalysis();
        });
}
