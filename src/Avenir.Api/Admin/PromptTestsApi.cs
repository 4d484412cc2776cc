using Avenir.Api.Auth;
using Avenir.Api.Dashboard;
using Avenir.Grains.Database;
using Avenir.Grains.Prompts;
using Avenir.Grains.Prompts.Contracts;
using Npgsql;

namespace Avenir.Api.Admin;

/// <summary>
/// The agency's prompt A/B tests and prompt registry (role <c>admin</c>; mutating requests need <c>X-CSRF-Token</c>),
/// docs/prompt-experiments.md. Tests are created as drafts, started and cancelled through the prompt's
/// <see cref="IPromptExperimentGrain"/>, which also serves the live metrics of a running test.
/// </summary>
public static class PromptTestsApi
{
    public const int MaxPromptTextLength = 20_000;

    private static readonly string[] Statuses = ["draft", "running", "completed", "cancelled"];
    private static readonly string[] EvolutionTypes = ["manual_edit", "mutation", "crossover", "optimization"];

    public static IEndpointRouteBuilder MapPromptTestsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin: prompt tests")
            .RequireAuthorization(DashboardUser.AdminPolicy)
            .AddEndpointFilter<CsrfProtection>()
            .ProducesProblem(401).ProducesProblem(403);
        admin.MapGet("/prompt-tests", ListAsync).WithName("AdminListPromptTests")
            .WithSummary("Every prompt A/B test, newest first (?status=draft|running|completed|cancelled).")
            .Produces<IReadOnlyList<PromptTestView>>().ProducesProblem(400);
        admin.MapPost("/prompt-tests", CreateAsync).WithName("AdminCreatePromptTest")
            .WithSummary("Creates a draft test between two variants of one prompt in one language.")
            .Produces<PromptTestView>(201).ProducesProblem(400).ProducesProblem(409);
        admin.MapGet("/prompt-tests/{testId:guid}", GetAsync).WithName("AdminGetPromptTest")
            .WithSummary("One test; a running one with live metrics from its grain.").Produces<PromptTestView>().ProducesProblem(404);
        admin.MapPost("/prompt-tests/{testId:guid}/start", StartAsync).WithName("AdminStartPromptTest")
            .WithSummary("Starts a draft test (one running test per prompt).").Produces<PromptTestView>().ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/prompt-tests/{testId:guid}/cancel", CancelAsync).WithName("AdminCancelPromptTest")
            .WithSummary("Cancels a draft or running test: no winner, nothing promoted.").Produces<PromptTestView>().ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/prompts", ListVariantsAsync).WithName("AdminListPromptVariants")
            .WithSummary("Registry variants with score, usage and active flag (?promptName=&language=).").Produces<IReadOnlyList<PromptVariantView>>().ProducesProblem(400);
        admin.MapPost("/prompts/{variantId}/variants", CreateVariantAsync).WithName("AdminCreatePromptVariant")
            .WithSummary("Creates the next version of a prompt from a parent variant, inactive until a test promotes it.")
            .Produces<PromptVariantView>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/prompt-evolution", ListEvolutionAsync).WithName("AdminListPromptEvolution")
            .WithSummary("prompt_evolution rows, newest first (?promptName=).").Produces<IReadOnlyList<PromptEvolutionRow>>();
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

    public sealed record CreatePromptTestRequest(
        string? TestName, string? ControlVariantId, string? TreatmentVariantId, decimal? ControlTrafficPercentage,
        decimal? TreatmentTrafficPercentage, int? MinSampleSize, int? MaxDurationDays, decimal? SignificanceLevel);

    public sealed record PromptVariantView(
        Guid Id, string PromptName, string VariantId, int Version, string Language, bool IsActive, decimal? Score,
        long UsageCount, string? ParentVariantId, DateTimeOffset CreatedAt, string PromptText);

    public sealed record CreatePromptVariantRequest(string? PromptText, string? EvolutionType, string? Notes);

    public static async Task<IResult> ListAsync(string? status, TenantDatabase database, CancellationToken cancellationToken)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return DashboardProblems.Invalid("invalid_request", "status", "status is one of draft, running, completed, cancelled.");
        }

        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var tests = await PromptCatalogRows.ListTestsAsync(transaction, status, cancellationToken);
        return TypedResults.Ok(tests.Select(test => View(test, null)).ToList());
    }

    public static async Task<IResult> CreateAsync(CreatePromptTestRequest request, HttpContext http, TenantDatabase database, TimeProvider time,
        ILogger<PromptTestView> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var testName = request.TestName?.Trim();
        if (string.IsNullOrEmpty(testName) || testName.Length > 200)
        {
            errors["testName"] = ["testName has 1 to 200 characters."];
        }

        if (string.IsNullOrWhiteSpace(request.ControlVariantId))
        {
            errors["controlVariantId"] = ["controlVariantId is required (a prompt_registry variant id)."];
        }

        if (string.IsNullOrWhiteSpace(request.TreatmentVariantId))
        {
            errors["treatmentVariantId"] = ["treatmentVariantId is required (a prompt_registry variant id)."];
        }

        var control = request.ControlTrafficPercentage ?? (request.TreatmentTrafficPercentage is { } t ? 100 - t : 50);
        var treatment = request.TreatmentTrafficPercentage ?? 100 - control;
        foreach (var (name, value) in new[] { ("controlTrafficPercentage", control), ("treatmentTrafficPercentage", treatment) })
        {
            if (value <= 0 || value >= 100 || decimal.Round(value, 2) != value)
            {
                errors[name] = [$"{name} is above 0 and below 100, with at most 2 decimals."];
            }
        }

        var minSampleSize = request.MinSampleSize ?? 100;
        if (minSampleSize is < 1 or > 1_000_000)
        {
            errors["minSampleSize"] = ["minSampleSize is 1 to 1000000 executions per arm."];
        }

        var maxDurationDays = request.MaxDurationDays ?? 7;
        if (maxDurationDays is < 1 or > 365)
        {
            errors["maxDurationDays"] = ["maxDurationDays is 1 to 365."];
        }

        var significanceLevel = request.SignificanceLevel ?? 0.05m;
        if (significanceLevel <= 0 || significanceLevel > 0.5m || decimal.Round(significanceLevel, 4) != significanceLevel)
        {
            errors["significanceLevel"] = ["significanceLevel is above 0 and at most 0.5, with at most 4 decimals."];
        }

        if (errors.Count > 0)
        {
            return DashboardProblems.Invalid(errors);
        }

        if (control + treatment != 100)
        {
            return DashboardProblems.Invalid("traffic_not_100", "treatmentTrafficPercentage",
                $"controlTrafficPercentage + treatmentTrafficPercentage must be 100 (got {control} + {treatment}).");
        }

        if (request.ControlVariantId == request.TreatmentVariantId)
        {
            return DashboardProblems.Invalid("same_variant", "treatmentVariantId", "A test compares two different variants.");
        }

        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var controlVariant = await PromptCatalogRows.FindVariantAsync(transaction, request.ControlVariantId!, cancellationToken);
        if (controlVariant is null)
        {
            return DashboardProblems.Invalid("unknown_variant", "controlVariantId", $"No prompt variant '{request.ControlVariantId}'.");
        }

        var treatmentVariant = await PromptCatalogRows.FindVariantAsync(transaction, request.TreatmentVariantId!, cancellationToken);
        if (treatmentVariant is null)
        {
            return DashboardProblems.Invalid("unknown_variant", "treatmentVariantId", $"No prompt variant '{request.TreatmentVariantId}'.");
        }

        if (controlVariant.PromptName != treatmentVariant.PromptName)
        {
            return DashboardProblems.Invalid("variants_of_different_prompts", "treatmentVariantId",
                $"Both variants must be of one prompt: '{controlVariant.PromptName}' vs '{treatmentVariant.PromptName}'.");
        }

        if (controlVariant.Language != treatmentVariant.Language)
        {
            return DashboardProblems.Invalid("variants_of_different_languages", "treatmentVariantId",
                $"Both variants must be in one language: '{controlVariant.Language}' vs '{treatmentVariant.Language}'.");
        }

        if (await PromptCatalogRows.TestNameTakenAsync(transaction, testName!, cancellationToken))
        {
            return DashboardProblems.Conflict("test_name_taken", $"A prompt test named '{testName}' already exists.");
        }

        Guid testId;
        try
        {
            testId = await PromptCatalogRows.InsertTestAsync(transaction, new NewPromptTest(
                testName!, controlVariant.PromptName, controlVariant.VariantId, treatmentVariant.VariantId, control, treatment,
                minSampleSize, maxDurationDays, significanceLevel), time.GetUtcNow(), cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return DashboardProblems.Conflict("test_name_taken", $"A prompt test named '{testName}' already exists.");
        }

        var created = await PromptCatalogRows.FindTestAsync(transaction, testId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Admin {AdminId} created prompt test {TestId} ({Control} vs {Treatment})",
            DashboardUser.From(http.User)?.ClientId, testId, controlVariant.VariantId, treatmentVariant.VariantId);
        return TypedResults.Created($"/api/admin/prompt-tests/{testId}", View(created!, null));
    }

    public static async Task<IResult> GetAsync(Guid testId, TenantDatabase database, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var test = await FindAsync(database, testId, cancellationToken);
        if (test is null)
        {
            return DashboardProblems.NotFound("prompt test");
        }

        if (test.Status == "running")
        {
            var live = await grains.GetGrain<IPromptExperimentGrain>(test.PromptName).GetStatusAsync();
            if (live?.TestId == test.Id)
            {
                return TypedResults.Ok(View(test, live));
            }

            // The grain has just ended it (stopping rule applied on this read): answer the stored result.
            test = await FindAsync(database, testId, cancellationToken) ?? test;
        }

        return TypedResults.Ok(View(test, null));
    }

    public static async Task<IResult> StartAsync(Guid testId, TenantDatabase database, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var test = await FindAsync(database, testId, cancellationToken);
        if (test is null)
        {
            return DashboardProblems.NotFound("prompt test");
        }

        var grain = grains.GetGrain<IPromptExperimentGrain>(test.PromptName);
        return await grain.StartAsync(testId) switch
        {
            PromptExperimentStart.Started => TypedResults.Ok(View((await FindAsync(database, testId, cancellationToken))!, await grain.GetStatusAsync())),
            PromptExperimentStart.NotFound => DashboardProblems.NotFound("prompt test"),
            PromptExperimentStart.AnotherTestRunning => DashboardProblems.Conflict("test_already_running",
                $"Another test of prompt '{test.PromptName}' is running; cancel it or wait for it to end."),
            _ => DashboardProblems.Conflict("test_not_draft", $"Only a draft test can be started; this one is {test.Status}."),
        };
    }

    public static async Task<IResult> CancelAsync(Guid testId, TenantDatabase database, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var test = await FindAsync(database, testId, cancellationToken);
        if (test is null)
        {
            return DashboardProblems.NotFound("prompt test");
        }

        if (!await grains.GetGrain<IPromptExperimentGrain>(test.PromptName).CancelAsync(testId))
        {
            var current = await FindAsync(database, testId, cancellationToken) ?? test;
            return DashboardProblems.Conflict("test_ended", $"The test has already ended ({current.Status}).");
        }

        return TypedResults.Ok(View((await FindAsync(database, testId, cancellationToken))!, null));
    }

    public static async Task<IResult> ListVariantsAsync(string? promptName, string? language, TenantDatabase database, CancellationToken cancellationToken)
    {
        if (language is not null and not ("en" or "fr"))
        {
            return DashboardProblems.Invalid("invalid_request", "language", "language is en or fr.");
        }

        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var variants = await PromptCatalogRows.ListVariantsAsync(transaction, promptName, language, cancellationToken);
        return TypedResults.Ok(variants.Select(View).ToList());
    }

    public static async Task<IResult> CreateVariantAsync(string variantId, CreatePromptVariantRequest request, HttpContext http, TenantDatabase database,
        TimeProvider time, ILogger<PromptVariantView> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.PromptText) || request.PromptText.Length > MaxPromptTextLength)
        {
            errors["promptText"] = [$"promptText has 1 to {MaxPromptTextLength} characters and is not blank."];
        }

        var evolutionType = request.EvolutionType ?? "manual_edit";
        if (!EvolutionTypes.Contains(evolutionType))
        {
            errors["evolutionType"] = ["evolutionType is one of manual_edit, mutation, crossover, optimization."];
        }

        if (request.Notes is { Length: > 1000 })
        {
            errors["notes"] = ["notes has at most 1000 characters."];
        }

        if (errors.Count > 0)
        {
            return DashboardProblems.Invalid(errors);
        }

        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var parent = await PromptCatalogRows.FindVariantAsync(transaction, variantId, cancellationToken);
        if (parent is null)
        {
            return DashboardProblems.NotFound("prompt variant");
        }

        PromptVariantRow created;
        try
        {
            created = await PromptCatalogRows.InsertVariantAsync(transaction, parent, request.PromptText!, evolutionType,
                string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), time.GetUtcNow(), cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return DashboardProblems.Conflict("variant_version_taken", "Another version of this prompt was created at the same time; try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Admin {AdminId} created prompt variant {VariantId} from {Parent}", DashboardUser.From(http.User)?.ClientId, created.VariantId, parent.VariantId);
        return TypedResults.Created($"/api/admin/prompts?promptName={created.PromptName}&language={created.Language}", View(created));
    }

    public static async Task<IResult> ListEvolutionAsync(string? promptName, TenantDatabase database, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return TypedResults.Ok(await PromptCatalogRows.ListEvolutionAsync(transaction, promptName, cancellationToken));
    }

    private static async Task<PromptTestRow?> FindAsync(TenantDatabase database, Guid testId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await PromptCatalogRows.FindTestAsync(transaction, testId, cancellationToken);
    }

    private static PromptTestView View(PromptTestRow test, PromptExperimentStatus? live) => new(
        test.Id, test.TestName, test.PromptName, test.Language, test.ControlVariantId, test.TreatmentVariantId,
        test.ControlTrafficPercentage, test.TreatmentTrafficPercentage, test.MinSampleSize, test.MaxDurationDays,
        test.SignificanceLevel, test.Status, live is not null, live?.Control ?? test.ControlMetrics, live?.Treatment ?? test.TreatmentMetrics,
        live is not null ? live.PValue : test.PValue, live is not null ? live.QualityPValue : test.QualityPValue,
        test.WinnerVariantId, test.EndReason, test.CreatedAt, test.StartedAt, test.StartedAt?.AddDays(test.MaxDurationDays), test.EndedAt);

    private static PromptVariantView View(PromptVariantRow variant) => new(
        variant.Id, variant.PromptName, variant.VariantId, variant.Version, variant.Language, variant.IsActive, variant.Score,
        variant.UsageCount, variant.ParentVariantId, variant.CreatedAt, variant.PromptText);
}
