using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Contracts.Prompts;

namespace Avenir.Api.Tests.Admin;

/// <summary>The admin prompt-test API over real HTTP, on a real silo and PostgreSQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class PromptTestsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Admin_creates_a_variant_then_creates_starts_reads_lists_and_cancels_a_test()
    {
        using var admin = await AdminAsync();
        var prompt = await SeedPromptAsync();

        var variant = await admin.PostAsync(
            $"/api/admin/prompts/{prompt}.en.v1/variants", new { promptText = "Classify the lead, step by step.", notes = "shorter" });
        var created = await admin.PostAsync("/api/admin/prompt-tests", new
        {
            testName = $"{prompt} wording",
            controlVariantId = $"{prompt}.en.v1",
            treatmentVariantId = $"{prompt}.en.v2",
            controlTrafficPercentage = 80,
            treatmentTrafficPercentage = 20,
        });

        Assert.Equal(HttpStatusCode.Created, variant.StatusCode);
        var v2 = await JsonAsync(variant);
        Assert.Equal((2, false, $"{prompt}.en.v1", "en"),
            (v2.GetProperty("version").GetInt32(), v2.GetProperty("isActive").GetBoolean(), v2.GetProperty("parentVariantId").GetString(),
                v2.GetProperty("language").GetString()));
        Assert.Equal($"{prompt}.en.v2", v2.GetProperty("variantId").GetString());
        var variants = await admin.GetJsonAsync($"/api/admin/prompts?promptName={prompt}&language=en");
        Assert.Equal([$"{prompt}.en.v2", $"{prompt}.en.v1"], variants.EnumerateArray().Select(v => v.GetProperty("variantId").GetString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await JsonAsync(created);
        var testId = draft.GetProperty("id").GetGuid();
        Assert.Equal(("draft", 100, 7, 0.05m, 80m), (draft.GetProperty("status").GetString(), draft.GetProperty("minSampleSize").GetInt32(),
            draft.GetProperty("maxDurationDays").GetInt32(), draft.GetProperty("significanceLevel").GetDecimal(),
            draft.GetProperty("controlTrafficPercentage").GetDecimal()));

        var started = await admin.PostAsync($"/api/admin/prompt-tests/{testId}/start");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var running = await JsonAsync(started);
        Assert.Equal(("running", true), (running.GetProperty("status").GetString(), running.GetProperty("live").GetBoolean()));
        Assert.NotEqual(JsonValueKind.Null, running.GetProperty("endsBy").ValueKind);

        // An execution counted by the grain shows in the live metrics.
        await fixture.Grains.GetGrain<IPromptExperimentGrain>(prompt).RecordResultAsync(new PromptExperimentResult(testId, $"{prompt}.en.v2", false, 1));
        var live = await admin.GetJsonAsync($"/api/admin/prompt-tests/{testId}");
        Assert.Equal((1, 1, 0), (live.GetProperty("treatment").GetProperty("samples").GetInt32(),
            live.GetProperty("treatment").GetProperty("successes").GetInt32(), live.GetProperty("control").GetProperty("samples").GetInt32()));
        var listed = await admin.GetJsonAsync("/api/admin/prompt-tests?status=running");
        Assert.Contains(listed.EnumerateArray(), t => t.GetProperty("id").GetGuid() == testId);

        var cancelled = await admin.PostAsync($"/api/admin/prompt-tests/{testId}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var ended = await JsonAsync(cancelled);
        Assert.Equal(("cancelled", "cancelled"), (ended.GetProperty("status").GetString(), ended.GetProperty("endReason").GetString()));
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("winnerVariantId").ValueKind);
        await Problems.AssertAsync(await admin.PostAsync($"/api/admin/prompt-tests/{testId}/cancel"), HttpStatusCode.Conflict, "test_ended");
        Assert.Equal("False", await Rows.ScalarAsync(
            fixture.Database.OwnerConnectionString, "SELECT is_active FROM prompt_registry WHERE variant_id = $1", $"{prompt}.en.v2"));
    }

    [Fact]
    public async Task A_completed_test_shows_its_winner_p_value_promotion_and_evolution_row()
    {
        using var admin = await AdminAsync();
        var prompt = await SeedPromptAsync(withTreatment: true);
        var testId = (await JsonAsync(await admin.PostAsync("/api/admin/prompt-tests", new
        {
            testName = $"{prompt} decisive",
            controlVariantId = $"{prompt}.en.v1",
            treatmentVariantId = $"{prompt}.en.v2",
            minSampleSize = 20,
        }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/prompt-tests/{testId}/start")).StatusCode);

        var grain = fixture.Grains.GetGrain<IPromptExperimentGrain>(prompt);
        for (var i = 0; i < 20; i++)
        {
            await grain.RecordResultAsync(new PromptExperimentResult(testId, $"{prompt}.en.v1", Failed: i % 2 == 0, Quality: i % 2 == 0 ? 0 : 1));
            await grain.RecordResultAsync(new PromptExperimentResult(testId, $"{prompt}.en.v2", Failed: false, Quality: 1));
        }

        var test = await admin.GetJsonAsync($"/api/admin/prompt-tests/{testId}");
        Assert.Equal(("completed", "sample_size_reached", $"{prompt}.en.v2", false),
            (test.GetProperty("status").GetString(), test.GetProperty("endReason").GetString(), test.GetProperty("winnerVariantId").GetString(),
                test.GetProperty("live").GetBoolean()));
        Assert.True(test.GetProperty("pValue").GetDouble() < 0.05);
        Assert.Equal((0.5, 1.0), (test.GetProperty("control").GetProperty("rate").GetDouble(), test.GetProperty("treatment").GetProperty("rate").GetDouble()));
        var evolution = Assert.Single((await admin.GetJsonAsync($"/api/admin/prompt-evolution?promptName={prompt}")).EnumerateArray());
        Assert.Equal(($"{prompt}.en.v1", $"{prompt}.en.v2", 0.5m), (evolution.GetProperty("parentVariantId").GetString(),
            evolution.GetProperty("childVariantId").GetString(), evolution.GetProperty("improvementScore").GetDecimal()));
        var variants = (await admin.GetJsonAsync($"/api/admin/prompts?promptName={prompt}&language=en")).EnumerateArray()
            .ToDictionary(v => v.GetProperty("variantId").GetString()!, v => (v.GetProperty("isActive").GetBoolean(), v.GetProperty("score").GetDecimal()));
        Assert.Equal((true, 1.000m), variants[$"{prompt}.en.v2"]);
        Assert.Equal((false, 0.500m), variants[$"{prompt}.en.v1"]);
    }

    [Fact]
    public async Task Invalid_tests_and_variants_get_precise_problems()
    {
        using var admin = await AdminAsync();
        var prompt = await SeedPromptAsync(withTreatment: true);
        var other = await SeedPromptAsync(withTreatment: true);
        object Test(string name, string control, string treatment, int controlShare = 50, int treatmentShare = 50) => new
        {
            testName = name, controlVariantId = control, treatmentVariantId = treatment,
            controlTrafficPercentage = controlShare, treatmentTrafficPercentage = treatmentShare,
        };

        var missing = await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", new { testName = "" }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(missing.GetProperty("errors").TryGetProperty("controlVariantId", out _));
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", Test("t", $"{prompt}.en.v1", $"{prompt}.en.v2", 60, 30)),
            HttpStatusCode.BadRequest, "traffic_not_100");
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", Test("t", $"{prompt}.en.v1", $"{prompt}.en.v1")), HttpStatusCode.BadRequest, "same_variant");
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", Test("t", $"{prompt}.en.v1", "no.such.v1")), HttpStatusCode.BadRequest, "unknown_variant");
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", Test("t", $"{prompt}.en.v1", $"{other}.en.v2")),
            HttpStatusCode.BadRequest, "variants_of_different_prompts");
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", Test("t", $"{prompt}.en.v1", $"{prompt}.fr.v1")),
            HttpStatusCode.BadRequest, "variants_of_different_languages");
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", new
            {
                testName = "t", controlVariantId = $"{prompt}.en.v1", treatmentVariantId = $"{prompt}.en.v2", significanceLevel = 1.5,
            }),
            HttpStatusCode.BadRequest, "invalid_request");
        await Problems.AssertAsync(await admin.GetAsync("/api/admin/prompt-tests?status=paused"), HttpStatusCode.BadRequest, "invalid_request");
        await Problems.AssertAsync(await admin.GetAsync($"/api/admin/prompt-tests/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(await admin.PostAsync($"/api/admin/prompt-tests/{Guid.NewGuid()}/start"), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(await admin.PostAsync($"/api/admin/prompt-tests/{Guid.NewGuid()}/cancel"), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompts/no.such.v1/variants", new { promptText = "x" }), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(
            await admin.PostAsync($"/api/admin/prompts/{prompt}.en.v1/variants", new { promptText = "  " }), HttpStatusCode.BadRequest, "invalid_request");

        // One running test per prompt; names are unique; only drafts start.
        var first = (await JsonAsync(await admin.PostAsync("/api/admin/prompt-tests", Test($"{prompt} first", $"{prompt}.en.v1", $"{prompt}.en.v2"))))
            .GetProperty("id").GetGuid();
        var second = (await JsonAsync(await admin.PostAsync("/api/admin/prompt-tests", Test($"{prompt} second", $"{prompt}.en.v2", $"{prompt}.en.v1"))))
            .GetProperty("id").GetGuid();
        await Problems.AssertAsync(
            await admin.PostAsync("/api/admin/prompt-tests", Test($"{prompt} first", $"{prompt}.en.v1", $"{prompt}.en.v2")),
            HttpStatusCode.Conflict, "test_name_taken");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/prompt-tests/{first}/start")).StatusCode);
        await Problems.AssertAsync(await admin.PostAsync($"/api/admin/prompt-tests/{second}/start"), HttpStatusCode.Conflict, "test_already_running");
        await Problems.AssertAsync(await admin.PostAsync($"/api/admin/prompt-tests/{first}/start"), HttpStatusCode.Conflict, "test_not_draft");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/prompt-tests/{first}/cancel")).StatusCode);
    }

    [Fact]
    public async Task Prompt_test_endpoints_refuse_a_client_with_403_and_mutations_without_csrf()
    {
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        using var admin = await AdminAsync();

        await Problems.AssertAsync(await client.GetAsync("/api/admin/prompt-tests"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await client.GetAsync("/api/admin/prompts"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await client.GetAsync("/api/admin/prompt-evolution"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await client.PostAsync("/api/admin/prompt-tests", new { testName = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(
            await client.PostAsync("/api/admin/prompts/lead_summary.en.v1/variants", new { promptText = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(
            await admin.SendAsync(HttpMethod.Post, "/api/admin/prompt-tests", new { testName = "x" }, withCsrf: false),
            HttpStatusCode.Forbidden, "csrf_token_invalid");
    }

    private async Task<DashboardSession> AdminAsync() => await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

    /// <summary>A new prompt with an active English v1 and French v1 (and an inactive English v2 when asked).</summary>
    private async Task<string> SeedPromptAsync(bool withTreatment = false)
    {
        var prompt = $"api_{Guid.NewGuid():N}";
        await Rows.ExecuteAsync(fixture.Database.OwnerConnectionString,
            """
            INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active)
            VALUES ($1, 1, $1 || '.en.v1', 'Classify the lead.', 'en', true),
                   ($1, 1, $1 || '.fr.v1', 'Classe la demande.', 'fr', true)
            """,
            prompt);
        if (withTreatment)
        {
            await Rows.ExecuteAsync(fixture.Database.OwnerConnectionString,
                "INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active) "
                + "VALUES ($1, 2, $1 || '.en.v2', 'Classify the lead, carefully.', 'en', false)",
                prompt);
        }

        return prompt;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
}
