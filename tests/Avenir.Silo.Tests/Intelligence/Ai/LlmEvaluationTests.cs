using System.Text.Json;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Tests.Jobs;
using Avenir.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Intelligence.Ai;

/// <summary>
/// <c>evaluate --engine llm</c> against a local server speaking the OpenAI API: the same file is scored with the
/// LLM's answers, the local fallback answers when the LLM fails, the report and its last JSON line keep the local
/// engine's format, and the executions are logged as test traffic.
/// </summary>
public sealed class LlmEvaluationTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>, IDisposable
{
    private const string ChatPath = "/v1/chat/completions";
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly string model = "gpt-eval-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string file = Path.Combine(Path.GetTempPath(), $"llm-eval-{Guid.NewGuid():N}.jsonl");
    private readonly FixedEnrichmentEngine fallback = new();

    public void Dispose()
    {
        server.Stop();
        File.Delete(file);
    }

    [Fact]
    public async Task The_llm_engine_is_scored_on_the_file_with_the_local_report_format()
    {
        WriteLeads(
            Lead("e1", "en", "Could you send me a quote to repaint our 3-bedroom house? We need it done before June 15.",
                "pricing_quote", "High", "Professional"),
            Lead("f1", "fr", "Bonjour, est-ce que je pourrais prendre un rendez-vous samedi pour un nettoyage? Merci!",
                "appointment_booking", "Medium", "Friendly"),
            Lead("e2", "en", "Our online store has been down since this morning, we host with you. Can you check?", "support_request", "High", "Professional"),
            Lead("e3", "en", "Where exactly is your office? I can't find the entrance zqxrefusal.", "general_inquiry", "Low", "Casual"));
        // The warm-up and the repaint lead get the English answer, the French lead the French one.
        Answer("*", OpenAiResponses.ValidEnrichment, priority: 10);
        Answer("*nettoyage*", OpenAiResponses.ValidFrenchEnrichment, priority: 1);
        Answer(
            "*down since*",
            """{"language":"en","intent":"complaint","tone":"Frustrated","urgency":"High","confidence":0.8,"summary":"Store down since the morning."}""",
            priority: 1);
        // The LLM refuses one lead: the local fallback (here a fixed engine) answers it.
        server.Given(Request.Create().WithPath(ChatPath).UsingPost().WithBody(new WildcardMatcher("*zqxrefusal*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"Invalid request","type":"invalid_request_error","code":null}}"""));
        using var output = new StringWriter();

        var exitCode = await EvaluationCommand.RunAsync(["evaluate", file, "--engine", "llm"], output, Settings(), UseFallback);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        var lines = text.TrimEnd().Split('\n');
        Assert.Equal($"model: openai:{model}", lines[0].TrimEnd());
        Assert.Contains("answered by the local fallback: 1 of 4", text, StringComparison.Ordinal);
        Assert.Contains("[en] n=3", text, StringComparison.Ordinal);
        Assert.Contains("[fr] n=1", text, StringComparison.Ordinal);
        Assert.Contains("95% bootstrap intervals", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(lines[^1]);
        var figures = json.RootElement;
        Assert.Equal(4, figures.GetProperty("n").GetInt32());
        Assert.Equal(0.5, figures.GetProperty("intent_accuracy").GetDouble(), 4); // repaint and the French booking
        Assert.Equal(1.0, figures.GetProperty("intent_accuracy_fr").GetDouble(), 4);
        Assert.Equal(1.0, figures.GetProperty("language_accuracy").GetDouble(), 4);
        Assert.Equal(0.5, figures.GetProperty("tone_accuracy").GetDouble(), 4);
        Assert.Equal(0.75, figures.GetProperty("urgency_accuracy").GetDouble(), 4); // the fallback's High misses the Low lead
        foreach (var field in new[] { "intent_macro_f1", "intent_macro_f1_en", "intent_macro_f1_fr", "tone_accuracy_en", "ms_per_lead", "working_set_mb" })
        {
            Assert.Equal(JsonValueKind.Number, figures.GetProperty(field).ValueKind);
        }

        Assert.Equal(1, fallback.Calls);
        Assert.Equal(5, server.LogEntries.Count); // the warm-up and the four leads
        var (executions, testExecutions) = await ExecutionsAsync();
        Assert.Equal(5, executions);
        Assert.Equal(5, testExecutions); // evaluation traffic is not production traffic
    }

    [Fact]
    public async Task Without_an_llm_provider_the_llm_evaluation_explains_what_to_configure()
    {
        WriteLeads(Lead("e1", "en", "Hi, what are your opening hours?", "general_inquiry", "Low", "Casual"));
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ai:Provider"] = "local" }).Build();
        using var output = new StringWriter();

        var exitCode = await EvaluationCommand.RunAsync(["evaluate", file, "--engine", "llm"], output, settings, UseFallback);

        Assert.Equal(2, exitCode);
        Assert.Contains("Ai:Provider", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.LogEntries);
    }

    [Fact]
    public async Task An_unknown_engine_is_a_usage_error()
    {
        WriteLeads(Lead("e1", "en", "Hi, what are your opening hours?", "general_inquiry", "Low", "Casual"));
        using var output = new StringWriter();

        var exitCode = await EvaluationCommand.RunAsync(["evaluate", file, "--engine", "gpt"], output, Settings(), UseFallback);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: evaluate", output.ToString(), StringComparison.Ordinal);
    }

    private void UseFallback(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new TestClock());
        services.AddKeyedSingleton<ILeadEnrichmentEngine>(AiHostingExtensions.FallbackEngineKey, fallback);
    }

    private IConfiguration Settings() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:avenirdb"] = fixture.Database.OwnerConnectionString,
        ["ConnectionStrings:avenirdb-app"] = fixture.Database.ApplicationConnectionString,
        ["Ai:Provider"] = "openai",
        ["Ai:Model"] = model,
        ["Ai:Endpoint"] = server.Urls[0] + "/v1",
        ["Ai:ApiKey"] = "sk-test",
        // 400 is not retried; a short back-off keeps any unexpected retry quick.
        ["Ai:Resilience:MaxRetries"] = "1",
        ["Ai:Resilience:RetryDelay"] = "00:00:00.020",
    }).Build();

    private void Answer(string bodyPattern, string content, int priority) =>
        server.Given(Request.Create().WithPath(ChatPath).UsingPost().WithBody(new WildcardMatcher(bodyPattern))).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(OpenAiResponses.ChatCompletion(model, content)));

    private void WriteLeads(params string[] lines) => File.WriteAllLines(file, lines);

    private static string Lead(string id, string language, string message, string intent, string urgency, string tone) =>
        JsonSerializer.Serialize(new
        {
            id, name = "Test Lead", email = "lead@example.com", company = (string?)null, phone = (string?)null, message, language, intent, urgency, tone,
        });

    private async Task<(long All, long Test)> ExecutionsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE environment = 'test') FROM prompt_performance WHERE model_name = $1", connection)
        {
            Parameters = { new() { Value = $"openai:{model}" } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
