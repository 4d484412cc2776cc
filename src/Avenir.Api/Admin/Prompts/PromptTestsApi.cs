using Avenir.Api.Auth;
using Avenir.Api.Dashboard;
using Avenir.Contracts.Prompts;

namespace Avenir.Api.Admin.Prompts;

/// <summary>
/// The agency's prompt A/B tests and prompt registry (docs/prompt-experiments.md). Tests are created, started and
/// cancelled, and new versions added, through the prompt's <see cref="IPromptExperimentGrain"/> (their single writer),
/// which also serves the live metrics of a running test; lists and details are read by <see cref="PromptCatalogQueries"/>.
/// </summary>
public static class PromptTestsApi
{
    public static IEndpointRouteBuilder MapPromptTestsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin: prompt tests");
        admin.MapGet("/prompt-tests", ListAsync).WithName("AdminListPromptTests")
            .WithSummary("Every prompt A/B test, newest first (?status=draft|running|completed|cancelled).").ProducesProblem(400);
        admin.MapPost("/prompt-tests", CreateAsync).WithName("AdminCreatePromptTest")
            .WithSummary("Creates a draft test between two variants of one prompt in one language.").ProducesProblem(400).ProducesProblem(409);
        admin.MapGet("/prompt-tests/{testId:guid}", GetAsync).WithName("AdminGetPromptTest")
            .WithSummary("One test; a running one with live metrics from its grain.").ProducesProblem(404);
        admin.MapPost("/prompt-tests/{testId:guid}/start", StartAsync).WithName("AdminStartPromptTest")
            .WithSummary("Starts a draft test (one running test per prompt).").ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/prompt-tests/{testId:guid}/cancel", CancelAsync).WithName("AdminCancelPromptTest")
            .WithSummary("Cancels a draft or running test: no winner, nothing promoted.").ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/prompts", ListVariantsAsync).WithName("AdminListPromptVariants")
            .WithSummary("Registry variants with score, usage and active flag (?promptName=&language=).").ProducesProblem(400);
        admin.MapPost("/prompts/{variantId}/variants", CreateVariantAsync).WithName("AdminCreatePromptVariant")
            .WithSummary("Creates the next version of a prompt from a parent variant, inactive until a test promotes it.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/prompt-evolution", ListEvolutionAsync).WithName("AdminListPromptEvolution")
            .WithSummary("prompt_evolution rows, newest first (?promptName=).");
        return app;
    }

    /// <summary>A test with its results: live from the grain while running (<c>live</c> true), as stored otherwise.</summary>
    /// <param name="PValue">Two-proportion z-test p-value on the success rates (the deciding test).</param>
    /// <param name="QualityPValue">Welch's t-test p-value on the quality scores (reported).</param>
    /// <param name="EndReason">sample_size_reached | max_duration | cancelled; null while draft or running.</param>
    public sealed record PromptTestView(
        Guid Id, string TestName, string PromptName, string Language, string ControlVariantId, string TreatmentVariantId,
        decimal ControlTrafficPercentage, decimal TreatmentTrafficPercentage, int MinSampleSize, int MaxDurationDays,
        decimal SignificanceLevel, string Status, bool Live, PromptArmMetrics? Control, PromptArmMetrics? Treatment,
        double? PValue, double? QualityPValue, string? WinnerVariantId, string? EndReason,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndsBy, DateTimeOffset? EndedAt);

    public sealed record PromptVariantView(
        Guid Id, string PromptName, string VariantId, int Version, string Language, bool IsActive, decimal? Score,
        long UsageCount, string? ParentVariantId, DateTimeOffset CreatedAt, string PromptText);

    public static async Task<Results<Ok<List<PromptTestView>>, ProblemHttpResult>> ListAsync(
        string? status, PromptCatalogQueries queries, CancellationToken cancellationToken)
    {
        if (status is not null && !PromptTestStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            return DashboardProblems.Invalid("invalid_request", "status", $"status is one of {string.Join(", ", PromptTestStatuses.All)}.");
        }

        var tests = await queries.ListTestsAsync(status, cancellationToken);
        return TypedResults.Ok(tests.Select(test => View(test, null)).ToList());
    }

    public static async Task<Results<Created<PromptTestView>, ProblemHttpResult>> CreateAsync(CreatePromptTestRequest request, HttpContext http,
        PromptCatalogQueries queries, IGrainFactory grains, ILogger<PromptTestView> logger, CancellationToken cancellationToken)
    {
        if (!PromptRequestValidation.TryValidate(request, out var draft, out var errors))
        {
            return DashboardProblems.Invalid(errors);
        }

        if (draft.ControlTrafficPercentage + draft.TreatmentTrafficPercentage != 100)
        {
            return DashboardProblems.Invalid("traffic_not_100", "treatmentTrafficPercentage",
                "controlTrafficPercentage + treatmentTrafficPercentage must be 100 "
                + $"(got {draft.ControlTrafficPercentage} + {draft.TreatmentTrafficPercentage}).");
        }

        if (draft.ControlVariantId == draft.TreatmentVariantId)
        {
            return DashboardProblems.Invalid("same_variant", "treatmentVariantId", "A test compares two different variants.");
        }

        // The control's prompt names the grain; the grain checks both variants again in its own transaction.
        if (await queries.FindVariantAsync(draft.ControlVariantId, cancellationToken) is not { } control)
        {
            return UnknownVariant("controlVariantId", draft.ControlVariantId);
        }

        var created = await grains.GetGrain<IPromptExperimentGrain>(control.PromptName).CreateTestAsync(draft);
        switch (created.Outcome)
        {
            case PromptTestCreation.Created when created.TestId is { } testId && await queries.FindTestAsync(testId, cancellationToken) is { } test:
                logger.LogInformation("Admin {AdminId} created prompt test {TestId} ({Control} vs {Treatment})",
                    DashboardUser.From(http.User)?.ClientId, testId, draft.ControlVariantId, draft.TreatmentVariantId);
                return TypedResults.Created($"/api/admin/prompt-tests/{testId}", View(test, null));
            case PromptTestCreation.UnknownControlVariant:
                return UnknownVariant("controlVariantId", draft.ControlVariantId);
            case PromptTestCreation.UnknownTreatmentVariant:
                return UnknownVariant("treatmentVariantId", draft.TreatmentVariantId);
            case PromptTestCreation.VariantsOfDifferentPrompts:
                return DashboardProblems.Invalid("variants_of_different_prompts", "treatmentVariantId",
                    $"Both variants must be of one prompt: '{control.PromptName}' vs the treatment's.");
            case PromptTestCreation.VariantsOfDifferentLanguages:
                return DashboardProblems.Invalid("variants_of_different_languages", "treatmentVariantId",
                    $"Both variants must be in one language: '{control.Language}' vs the treatment's.");
            default:
                return DashboardProblems.Conflict("test_name_taken", $"A prompt test named '{draft.TestName}' already exists.");
        }
    }

    public static async Task<Results<Ok<PromptTestView>, ProblemHttpResult>> GetAsync(Guid testId, PromptCatalogQueries queries, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await queries.FindTestAsync(testId, cancellationToken) is not { } test)
        {
            return DashboardProblems.NotFound("prompt test");
        }

        if (test.Status == PromptTestStatuses.Running)
        {
            var live = await grains.GetGrain<IPromptExperimentGrain>(test.PromptName).GetStatusAsync();
            if (live?.TestId == test.Id)
            {
                return TypedResults.Ok(View(test, live));
            }

            // The grain has just ended it (stopping rule applied on this read): answer the stored result.
            test = await queries.FindTestAsync(testId, cancellationToken) ?? test;
        }

        return TypedResults.Ok(View(test, null));
    }

    public static async Task<Results<Ok<PromptTestView>, ProblemHttpResult>> StartAsync(Guid testId, PromptCatalogQueries queries, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await queries.FindTestAsync(testId, cancellationToken) is not { } test)
        {
            return DashboardProblems.NotFound("prompt test");
        }

        var grain = grains.GetGrain<IPromptExperimentGrain>(test.PromptName);
        return await grain.StartAsync(testId) switch
        {
            PromptExperimentStart.Started when await queries.FindTestAsync(testId, cancellationToken) is { } started =>
                TypedResults.Ok(View(started, await grain.GetStatusAsync())),
            PromptExperimentStart.Started or PromptExperimentStart.NotFound => DashboardProblems.NotFound("prompt test"),
            PromptExperimentStart.AnotherTestRunning => DashboardProblems.Conflict("test_already_running",
                $"Another test of prompt '{test.PromptName}' is running; cancel it or wait for it to end."),
            _ => DashboardProblems.Conflict("test_not_draft", $"Only a draft test can be started; this one is {test.Status}."),
        };
    }

    public static async Task<Results<Ok<PromptTestView>, ProblemHttpResult>> CancelAsync(Guid testId, PromptCatalogQueries queries, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await queries.FindTestAsync(testId, cancellationToken) is not { } test)
        {
            return DashboardProblems.NotFound("prompt test");
        }

        var cancelled = await grains.GetGrain<IPromptExperimentGrain>(test.PromptName).CancelAsync(testId);
        var current = await queries.FindTestAsync(testId, cancellationToken) ?? test;
        return cancelled
            ? TypedResults.Ok(View(current, null))
            : DashboardProblems.Conflict("test_ended", $"The test has already ended ({current.Status}).");
    }

    public static async Task<Results<Ok<List<PromptVariantView>>, ProblemHttpResult>> ListVariantsAsync(string? promptName, string? language,
        PromptCatalogQueries queries, CancellationToken cancellationToken)
    {
        if (language is not null and not ("en" or "fr"))
        {
            return DashboardProblems.Invalid("invalid_request", "language", "language is en or fr.");
        }

        var variants = await queries.ListVariantsAsync(promptName, language, cancellationToken);
        return TypedResults.Ok(variants.Select(View).ToList());
    }

    public static async Task<Results<Created<PromptVariantView>, ProblemHttpResult>> CreateVariantAsync(string variantId, CreatePromptVariantRequest request,
        HttpContext http, PromptCatalogQueries queries, IGrainFactory grains, ILogger<PromptVariantView> logger, CancellationToken cancellationToken)
    {
        if (!PromptRequestValidation.TryValidate(variantId, request, out var draft, out var errors))
        {
            return DashboardProblems.Invalid(errors);
        }

        if (await queries.FindVariantAsync(variantId, cancellationToken) is not { } parent)
        {
            return DashboardProblems.NotFound("prompt variant");
        }

        var created = await grains.GetGrain<IPromptExperimentGrain>(parent.PromptName).AddVariantAsync(draft);
        if (created.Outcome == PromptVariantCreation.Created
            && created.VariantId is { } newId
            && await queries.FindVariantAsync(newId, cancellationToken) is { } variant)
        {
            logger.LogInformation(
                "Admin {AdminId} created prompt variant {VariantId} from {Parent}", DashboardUser.From(http.User)?.ClientId, newId, variantId);
            return TypedResults.Created($"/api/admin/prompts?promptName={variant.PromptName}&language={variant.Language}", View(variant));
        }

        return created.Outcome == PromptVariantCreation.UnknownParent
            ? DashboardProblems.NotFound("prompt variant")
            : DashboardProblems.Conflict("variant_version_taken", "Another version of this prompt was created at the same time; try again.");
    }

    public static async Task<Ok<IReadOnlyList<PromptEvolutionRow>>> ListEvolutionAsync(string? promptName, PromptCatalogQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListEvolutionAsync(promptName, cancellationToken));

    private static ProblemHttpResult UnknownVariant(string field, string variantId) =>
        DashboardProblems.Invalid("unknown_variant", field, $"No prompt variant '{variantId}'.");

    private static PromptTestView View(PromptTestRow test, PromptExperimentStatus? live) => new(
        test.Id, test.TestName, test.PromptName, test.Language, test.ControlVariantId, test.TreatmentVariantId,
        test.ControlTrafficPercentage, test.TreatmentTrafficPercentage, test.MinSampleSize, test.MaxDurationDays,
        test.SignificanceLevel, test.Status, live is not null, live?.Control ?? test.Control, live?.Treatment ?? test.Treatment,
        live is not null ? live.PValue : test.PValue, live is not null ? live.QualityPValue : test.QualityPValue,
        test.WinnerVariantId, test.EndReason, test.CreatedAt, test.StartedAt, test.StartedAt?.AddDays(test.MaxDurationDays), test.EndedAt);

    private static PromptVariantView View(PromptVariantRow variant) => new(
        variant.Id, variant.PromptName, variant.VariantId, variant.Version, variant.Language, variant.IsActive, variant.Score,
        variant.UsageCount, variant.ParentVariantId, variant.CreatedAt, variant.PromptText);
}
