using Npgsql;

namespace Avenir.Grains.Prompts;

// The prompt's catalogue: draft tests and new versions, written by this grain (the single writer of the prompt's
// tests and versions), checked against the registry in the same transaction.
public sealed partial class PromptExperimentGrain
{
    public async Task<PromptTestCreated> CreateTestAsync(PromptTestDraft draft)
    {
        await using var transaction = await database.BeginForSystemAsync();
        var control = await PromptCatalogRows.FindVariantAsync(transaction, draft.ControlVariantId);
        if (control is null || control.PromptName != PromptName)
        {
            return new PromptTestCreated(PromptTestCreation.UnknownControlVariant);
        }

        var treatment = await PromptCatalogRows.FindVariantAsync(transaction, draft.TreatmentVariantId);
        if (treatment is null)
        {
            return new PromptTestCreated(PromptTestCreation.UnknownTreatmentVariant);
        }

        if (treatment.PromptName != PromptName)
        {
            return new PromptTestCreated(PromptTestCreation.VariantsOfDifferentPrompts);
        }

        if (treatment.Language != control.Language)
        {
            return new PromptTestCreated(PromptTestCreation.VariantsOfDifferentLanguages);
        }

        if (await PromptCatalogRows.TestNameTakenAsync(transaction, draft.TestName))
        {
            return new PromptTestCreated(PromptTestCreation.NameTaken);
        }

        Guid testId;
        try
        {
            testId = await PromptCatalogRows.InsertTestAsync(transaction, PromptName, draft, time.GetUtcNow());
            await transaction.CommitAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new PromptTestCreated(PromptTestCreation.NameTaken); // the same name, created at the same time for another prompt
        }

        logger.LogInformation("Created prompt test {TestId} on {Prompt}: {Control} vs {Treatment}", testId, PromptName, control.VariantId, treatment.VariantId);
        return new PromptTestCreated(PromptTestCreation.Created, testId);
    }

    public async Task<PromptVariantCreated> AddVariantAsync(PromptVariantDraft draft)
    {
        await using var transaction = await database.BeginForSystemAsync();
        var parent = await PromptCatalogRows.FindVariantAsync(transaction, draft.ParentVariantId);
        if (parent is null || parent.PromptName != PromptName)
        {
            return new PromptVariantCreated(PromptVariantCreation.UnknownParent);
        }

        string variantId;
        try
        {
            variantId = await PromptCatalogRows.InsertVariantAsync(transaction, parent, draft, time.GetUtcNow());
            await transaction.CommitAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Only a writer outside this grain (by hand, another deployment) can take the version meanwhile.
            return new PromptVariantCreated(PromptVariantCreation.VersionTaken);
        }

        logger.LogInformation("Created prompt variant {VariantId} from {Parent}", variantId, parent.VariantId);
        return new PromptVariantCreated(PromptVariantCreation.Created, variantId);
    }
}
