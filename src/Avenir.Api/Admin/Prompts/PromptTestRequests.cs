using Avenir.Contracts.Prompts;

namespace Avenir.Api.Admin.Prompts;

/// <summary>Body of <c>POST /api/admin/prompt-tests</c>; every field but the variants has a default.</summary>
public sealed record CreatePromptTestRequest(
    string? TestName, string? ControlVariantId, string? TreatmentVariantId, decimal? ControlTrafficPercentage,
    decimal? TreatmentTrafficPercentage, int? MinSampleSize, int? MaxDurationDays, decimal? SignificanceLevel);

/// <summary>Body of <c>POST /api/admin/prompts/{variantId}/variants</c>.</summary>
public sealed record CreatePromptVariantRequest(string? PromptText, string? EvolutionType, string? Notes);

/// <summary>The rules a prompt test or variant request must meet before its grain is asked: one message per field.</summary>
public static class PromptRequestValidation
{
    public const int MaxPromptTextLength = 20_000;

    /// <summary>
    /// The draft <paramref name="request"/> describes, or the errors by field. Traffic defaults to 50/50 (or the complement
    /// of the one given), the sample to 100 per arm, the duration to 7 days, the significance to 0.05.
    /// </summary>
    public static bool TryValidate(CreatePromptTestRequest request, [NotNullWhen(true)] out PromptTestDraft? draft, out Dictionary<string, string[]> errors)
    {
        errors = [];
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

        draft = errors.Count == 0 && testName is { } validName && request.ControlVariantId is { } controlId && request.TreatmentVariantId is { } treatmentId
            ? new PromptTestDraft
            {
                TestName = validName,
                ControlVariantId = controlId,
                TreatmentVariantId = treatmentId,
                ControlTrafficPercentage = control,
                TreatmentTrafficPercentage = treatment,
                MinSampleSize = minSampleSize,
                MaxDurationDays = maxDurationDays,
                SignificanceLevel = significanceLevel,
            }
            : null;
        return draft is not null;
    }

    /// <summary>The draft of a new version of <paramref name="parentVariantId"/>, or the errors by field.</summary>
    public static bool TryValidate(string parentVariantId, CreatePromptVariantRequest request, [NotNullWhen(true)] out PromptVariantDraft? draft,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(request.PromptText) || request.PromptText.Length > MaxPromptTextLength)
        {
            errors["promptText"] = [$"promptText has 1 to {MaxPromptTextLength} characters and is not blank."];
        }

        var evolutionType = request.EvolutionType ?? PromptEvolutionTypes.ManualEdit;
        if (!PromptEvolutionTypes.All.Contains(evolutionType, StringComparer.Ordinal))
        {
            errors["evolutionType"] = [$"evolutionType is one of {string.Join(", ", PromptEvolutionTypes.All)}."];
        }

        if (request.Notes is { Length: > 1000 })
        {
            errors["notes"] = ["notes has at most 1000 characters."];
        }

        draft = errors.Count == 0 && request.PromptText is { } text
            ? new PromptVariantDraft
            {
                ParentVariantId = parentVariantId,
                PromptText = text,
                EvolutionType = evolutionType,
                Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            }
            : null;
        return draft is not null;
    }
}
