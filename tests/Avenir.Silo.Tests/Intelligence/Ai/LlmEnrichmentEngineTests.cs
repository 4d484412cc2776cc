using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Llm;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Avenir.Silo.Tests.Intelligence.Ai;

/// <summary>
/// The LLM engine against a local server speaking the OpenAI (and Ollama) HTTP APIs, with the prompts of the
/// real registry and the executions logged in the real prompt_performance table.
/// </summary>
public sealed class LlmEnrichmentEngineTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>, IDisposable
{
    private const string ChatPath = "/v1/chat/completions";
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly string model = "gpt-test-" + Guid.NewGuid().ToString("N")[..8];

    private static readonly LeadEnrichmentRequest EnglishLead = new(
        "Hi, could you send me a quote to repaint our 3-bedroom house? We need it done before June 15.",
        "Mark Taylor", "mark@example.com", DeclaredLanguage: "en");

    public void Dispose() => server.Stop();

    [Fact]
    public async Task A_valid_answer_gives_the_llm_labels_records_the_model_and_logs_tokens_and_cost()
    {
        Reply(200, OpenAiResponses.ChatCompletion(model, OpenAiResponses.ValidEnrichment));
        var clientId = await fixture.CreateClientAsync();
        await using var harness = Harness();

        var engine = harness.Get<ILeadEnrichmentEngine>();
        var result = await engine.EnrichAsync(EnglishLead with { ClientId = clientId, LeadId = Guid.NewGuid() });

        Assert.IsType<LlmEnrichmentEngine>(engine);
        Assert.Equal(("en", "pricing_quote", "Professional", "High"), (result.Language, result.Intent, result.Tone, result.Urgency));
        Assert.Equal(0.91, result.Confidence, 3);
        Assert.StartsWith("Wants a quote", result.Summary, StringComparison.Ordinal);
        Assert.Equal($"openai:{model}", result.Model);
        Assert.Equal(0, harness.Fallback.Calls);

        // Structured output was asked for, with the English registry prompt.
        var body = Assert.Single(server.LogEntries).RequestMessage.Body!;
        Assert.Contains("json_schema", body, StringComparison.Ordinal);
        Assert.Contains("You classify leads", body, StringComparison.Ordinal);
        Assert.Contains("pricing_quote", body, StringComparison.Ordinal);

        var row = await PerformanceRowAsync();
        Assert.Equal(clientId, row.ClientId);
        Assert.Equal(470, row.Tokens);
        Assert.Equal(412 * 0.15m / 1000 + 58 * 0.6m / 1000, row.Cost);
        Assert.Equal(1m, row.Quality);
        Assert.False(row.Error);
        Assert.Equal("lead_enrichment.en.v1", row.VariantId);
        Assert.Equal("test", row.Environment);
    }

    [Fact]
    public async Task A_french_lead_is_sent_the_french_prompt()
    {
        Reply(200, OpenAiResponses.ChatCompletion(model, OpenAiResponses.ValidFrenchEnrichment));
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(
            new LeadEnrichmentRequest("Bonjour, est-ce que je pourrais prendre un rendez-vous samedi pour un nettoyage? Merci!", DeclaredLanguage: "fr"));

        Assert.Equal(("fr", "appointment_booking"), (result.Language, result.Intent));
        Assert.Contains("Tu classes les demandes", Assert.Single(server.LogEntries).RequestMessage.Body!, StringComparison.Ordinal);
        Assert.Equal("lead_enrichment.fr.v1", (await PerformanceRowAsync()).VariantId);
    }

    [Fact]
    public async Task A_lead_in_another_language_keeps_the_llm_labels_and_carries_the_detected_language()
    {
        Reply(200, OpenAiResponses.ChatCompletion(model, OpenAiResponses.ValidEnrichment));
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(
            new LeadEnrichmentRequest(
                "Hola, quisiera una cotización para pintar mi casa de tres habitaciones antes del 15 de junio. Gracias.", DeclaredLanguage: "en"));

        Assert.Equal(("en", "es", "pricing_quote"), (result.Language, result.DetectedLanguage, result.Intent));
        Assert.True(result.IsOtherLanguage);
        Assert.Equal($"openai:{model}", result.Model);
        Assert.Contains("You classify leads", Assert.Single(server.LogEntries).RequestMessage.Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_falls_back_to_the_local_engine_and_logs_the_failure()
    {
        Reply(200, OpenAiResponses.ChatCompletion(model, "{\"language\": \"en\", \"intent\": \"pricing_quo"));
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal(harness.Fallback.ModelName, result.Model);
        Assert.Equal(1, harness.Fallback.Calls);
        var row = await PerformanceRowAsync();
        Assert.True(row.Error);
        Assert.Contains("invalid JSON", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0m, row.Quality);
        Assert.Equal(470, row.Tokens); // the tokens were spent all the same
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("local engine answers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Labels_outside_the_taxonomy_fall_back_and_score_the_share_of_valid_fields()
    {
        Reply(200, OpenAiResponses.ChatCompletion(model,
            """{"language":"en","intent":"buy_paint","tone":"Professional","urgency":"high","confidence":0.7,"summary":"Quote for painting."}"""));
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal(harness.Fallback.ModelName, result.Model);
        var row = await PerformanceRowAsync();
        Assert.True(row.Error);
        Assert.Contains("intent", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(Math.Round(5m / 6, 3), row.Quality); // "high" is accepted as High; only the intent is wrong
    }

    [Fact]
    public async Task Rate_limiting_is_retried_then_falls_back()
    {
        server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0")
                .WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"""));
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal(harness.Fallback.ModelName, result.Model);
        Assert.Equal(3, server.LogEntries.Count); // the first attempt and two retries
        var row = await PerformanceRowAsync(harness.Get<ILlmClient>().ModelName);
        Assert.True(row.Error);
        Assert.Contains("429", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(row.Tokens);
    }

    [Fact]
    public async Task A_single_429_is_retried_and_the_retry_succeeds()
    {
        server.Given(Request.Create().WithPath(ChatPath).UsingPost()).AtPriority(10)
            .InScenario("rate").WillSetStateTo("limited once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));
        server.Given(Request.Create().WithPath(ChatPath).UsingPost()).AtPriority(1)
            .InScenario("rate").WhenStateIs("limited once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(OpenAiResponses.ChatCompletion(model, OpenAiResponses.ValidEnrichment)));
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal($"openai:{model}", result.Model);
        Assert.Equal(2, server.LogEntries.Count);
        Assert.Equal(0, harness.Fallback.Calls);
    }

    [Fact]
    public async Task A_server_error_falls_back()
    {
        Reply(500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}""");
        await using var harness = Harness();

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal(harness.Fallback.ModelName, result.Model);
        Assert.Equal(3, server.LogEntries.Count);
        var row = await PerformanceRowAsync(harness.Get<ILlmClient>().ModelName);
        Assert.Contains("500", row.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_slower_than_the_timeout_falls_back()
    {
        server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(OpenAiResponses.ChatCompletion(model, OpenAiResponses.ValidEnrichment)).WithDelay(TimeSpan.FromSeconds(4)));
        var settings = AiHarness.OpenAi(server.Urls[0] + "/v1", model);
        settings["Ai:Resilience:AttemptTimeout"] = "00:00:00.500";
        settings["Ai:Resilience:TotalTimeout"] = "00:00:01.500";
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, settings);

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal(harness.Fallback.ModelName, result.Model);
        var row = await PerformanceRowAsync(harness.Get<ILlmClient>().ModelName);
        Assert.True(row.Error);
        Assert.Contains("Timeout", row.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ollama_answers_through_its_chat_api()
    {
        server.Given(Request.Create().WithPath("/api/chat").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(OpenAiResponses.OllamaChat(model, OpenAiResponses.ValidEnrichment)));
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "ollama",
            ["Ai:Model"] = model,
            ["Ai:Endpoint"] = server.Urls[0],
        });

        var result = await harness.Get<ILeadEnrichmentEngine>().EnrichAsync(EnglishLead);

        Assert.Equal(("pricing_quote", "High"), (result.Intent, result.Urgency));
        Assert.Equal($"ollama:{model}", result.Model);
        var body = Assert.Single(server.LogEntries).RequestMessage.Body!;
        Assert.Contains("\"format\"", body, StringComparison.Ordinal); // structured output (JSON schema)
        var row = await PerformanceRowAsync($"ollama:{model}");
        Assert.Equal(340, row.Tokens);
        Assert.False(row.Error);
    }

    private void Reply(int status, string body) =>
        server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private AiHarness Harness() =>
        new(fixture.Database.ApplicationConnectionString, AiHarness.OpenAi(server.Urls[0] + "/v1", model));

    private async Task<PerformanceRow> PerformanceRowAsync(string? modelName = null)
    {
        modelName ??= $"openai:{model}";
        await using var connection = new Npgsql.NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT p.client_id, p.token_count, p.cost_usd, p.output_quality_score, p.error_occurred, p.error_message, r.variant_id, p.environment
            FROM prompt_performance p JOIN prompt_registry r ON r.id = p.prompt_registry_id
            WHERE p.model_name = $1
            """, connection)
        {
            Parameters = { new() { Value = modelName } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"a prompt_performance row for {modelName}");
        var row = new PerformanceRow(
            reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetDecimal(2), reader.IsDBNull(3) ? null : reader.GetDecimal(3),
            reader.GetBoolean(4), reader.IsDBNull(5) ? "" : reader.GetString(5), reader.GetString(6), reader.GetString(7));
        Assert.False(await reader.ReadAsync(), "exactly one execution logged");
        return row;
    }

    private sealed record PerformanceRow(
        Guid? ClientId, int? Tokens, decimal? Cost, decimal? Quality, bool Error, string ErrorMessage, string VariantId, string Environment);
}
