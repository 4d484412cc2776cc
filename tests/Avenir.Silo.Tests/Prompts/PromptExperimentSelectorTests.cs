using Avenir.Contracts.Prompts;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Prompts;
using Avenir.Silo.Tests.Intelligence.Ai;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Avenir.Silo.Tests.Prompts;

/// <summary>
/// End to end through <c>PromptExecutor</c>: the LLM engine as the silo registers it (with the cluster's grain factory,
/// so the A/B selector), a local server speaking the OpenAI protocol, the V20 registry and prompt_performance.
/// </summary>
[Collection(PromptExperimentCollection.Name)]
public sealed class PromptExperimentSelectorTests(PromptExperimentFixture fixture) : IDisposable
{
    private const string TreatmentMarker = "Answer in one pass; no commentary.";
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly string model = "gpt-ab-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => server.Stop();

    [Fact]
    public async Task Executions_during_a_running_test_are_logged_with_the_test_id_and_counted_by_its_grain()
    {
        server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(OpenAiResponses.ChatCompletion(model, OpenAiResponses.ValidEnrichment)));
        // The seeded English enrichment prompt (control) against a new inactive version of it (treatment).
        await fixture.ExecuteAsync(
            """
            INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active, metadata)
            SELECT prompt_name, 2, 'lead_enrichment.en.v2', prompt_text || E'\n' || $1, language, false,
                   '{"parentVariantId": "lead_enrichment.en.v1"}'
              FROM prompt_registry WHERE variant_id = 'lead_enrichment.en.v1'
            """,
            TreatmentMarker);
        var testId = Guid.NewGuid();
        await fixture.ExecuteAsync(
            """
            INSERT INTO prompt_ab_tests (id, test_name, prompt_name, control_variant_id, treatment_variant_id, min_sample_size)
            VALUES ($1, 'enrichment wording', 'lead_enrichment', 'lead_enrichment.en.v1', 'lead_enrichment.en.v2', 1000)
            """,
            testId);
        var grain = fixture.Grains.GetGrain<IPromptExperimentGrain>("lead_enrichment");
        Assert.Equal(PromptExperimentStart.Started, await grain.StartAsync(testId));
        var clientId = await fixture.CreateClientAsync();
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, AiHarness.OpenAi(server.Urls[0] + "/v1", model),
            configure: services => services.AddSingleton(fixture.Grains));
        var engine = harness.Get<ILeadEnrichmentEngine>();
        Assert.IsType<ExperimentPromptSelector>(harness.Get<IPromptSelector>());

        var leads = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToList();
        foreach (var lead in leads.Append(leads[0]).Append(leads[1]))
        {
            var result = await engine.EnrichAsync(new LeadEnrichmentRequest(
                "Hi, could you send me a quote to repaint our 3-bedroom house? We need it done before June 15.", DeclaredLanguage: "en")
            { ClientId = clientId, LeadId = lead });
            Assert.Equal("pricing_quote", result.Intent);
        }

        // Every execution counted for the test, in prompt_performance and in the grain, arm by arm.
        var control = (long)(await fixture.ScalarAsync(ExecutionsSql, testId, "lead_enrichment.en.v1"))!;
        var treatment = (long)(await fixture.ScalarAsync(ExecutionsSql, testId, "lead_enrichment.en.v2"))!;
        Assert.Equal(18, control + treatment);
        var status = (await grain.GetStatusAsync())!;
        Assert.Equal((control, control, treatment, treatment),
            (status.Control.Samples, status.Control.Successes, status.Treatment.Samples, status.Treatment.Successes));
        // The treatment's text is what the model received for the treatment's executions.
        Assert.Equal(treatment, server.LogEntries.Count(e => e.RequestMessage.Body!.Contains(TreatmentMarker, StringComparison.Ordinal)));
        // A lead keeps its variant: both executions of leads[0] (and of leads[1]) used one variant.
        foreach (var lead in leads.Take(2))
        {
            Assert.Equal(1L, await fixture.ScalarAsync(
                "SELECT count(DISTINCT prompt_registry_id) FROM prompt_performance WHERE ab_test_id = $1 AND input_data->>'leadId' = $2",
                testId, lead.ToString()));
        }

        // A French lead is outside this English test: the active French prompt, no test id, no count.
        await engine.EnrichAsync(
            new LeadEnrichmentRequest("Bonjour, est-ce que je pourrais prendre un rendez-vous samedi pour un nettoyage? Merci!", DeclaredLanguage: "fr")
            { ClientId = clientId, LeadId = Guid.NewGuid() });
        Assert.Equal(1L, await fixture.ScalarAsync(
            """
            SELECT count(*) FROM prompt_performance p JOIN prompt_registry r ON r.id = p.prompt_registry_id
             WHERE r.variant_id = 'lead_enrichment.fr.v1' AND p.ab_test_id IS NULL AND p.client_id = $1
            """, clientId));
        Assert.Equal(18, (await grain.GetStatusAsync())!.Control.Samples + (await grain.GetStatusAsync())!.Treatment.Samples);
    }

    [Fact]
    public async Task After_a_promotion_the_selector_serves_the_winner_once_its_running_test_check_expires()
    {
        var prompt = $"sel_{Guid.NewGuid():N}";
        var (control, treatment) = await fixture.SeedPromptAsync(prompt);
        var testId = await fixture.CreateDraftAsync(prompt, minSampleSize: 5);
        var grain = fixture.Grains.GetGrain<IPromptExperimentGrain>(prompt);
        Assert.Equal(PromptExperimentStart.Started, await grain.StartAsync(testId));
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>(), time,
            services => services.AddSingleton(fixture.Grains));
        var selector = harness.Get<IPromptSelector>();
        var context = new PromptSelectionContext(prompt, "en", SubjectKey: "lead-42");

        var during = await selector.SelectAsync(context);
        Assert.Equal(testId, during!.AbTestId);
        Assert.Equal(control, (await harness.Get<IPromptRegistry>().GetActiveAsync(prompt, "en"))[0].VariantId); // cached for 5 minutes
        for (var i = 0; i < 5; i++)
        {
            await grain.RecordResultAsync(new PromptExperimentResult(testId, control, Failed: true, Quality: 0));
            await grain.RecordResultAsync(new PromptExperimentResult(testId, treatment, Failed: false, Quality: 1));
        }

        Assert.Equal(treatment, await fixture.ScalarAsync("SELECT winner_variant_id FROM prompt_ab_tests WHERE id = $1", testId));
        time.Advance(RunningPromptExperiments.CacheDuration + TimeSpan.FromSeconds(1));

        // The ended test changed the set of running tests: the registry cache was cleared and the winner is the active variant.
        var after = await selector.SelectAsync(context);
        Assert.Equal((treatment, (Guid?)null), (after!.VariantId, after.AbTestId));
    }

    private const string ExecutionsSql =
        """
        SELECT count(*) FROM prompt_performance p JOIN prompt_registry r ON r.id = p.prompt_registry_id
         WHERE p.ab_test_id = $1 AND r.variant_id = $2
        """;
}
