using Npgsql;
using Orleans.Runtime;

namespace Avenir.Grains.Prompts;

/// <inheritdoc cref="IPromptExperimentGrain"/>
public sealed partial class PromptExperimentGrain(
    [PersistentState("promptExperiment", GrainStorage.Name)] IPersistentState<PromptExperimentState> state,
    TenantDatabase database,
    TimeProvider time,
    IEnumerable<IPromptRegistryCache> registryCaches,
    ILogger<PromptExperimentGrain> logger) : Grain, IPromptExperimentGrain, IRemindable
{
    /// <summary>Wakes an idle test so that it still ends at its maximum duration (reminders survive restarts).</summary>
    private const string DeadlineReminder = "prompt-experiment-deadline";

    private static readonly TimeSpan DeadlineCheckPeriod = TimeSpan.FromHours(1);

    private PromptExperimentDefinition? test;

    private string PromptName => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            test = await PromptExperimentRows.FindRunningAsync(transaction, PromptName, cancellationToken);
        }

        // Counts belong to one test: a test that ended or changed while the grain slept starts from zero.
        if (state.State.TestId != test?.Id)
        {
            state.State.Reset(test?.Id);
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<PromptExperimentStart> StartAsync(Guid testId)
    {
        await ApplyStoppingRuleAsync();
        if (test is not null)
        {
            return test.Id == testId ? PromptExperimentStart.NotDraft : PromptExperimentStart.AnotherTestRunning;
        }

        await using (var transaction = await database.BeginForSystemAsync())
        {
            var header = await PromptExperimentRows.FindHeaderAsync(transaction, testId);
            if (header is not { } found || found.PromptName != PromptName)
            {
                return PromptExperimentStart.NotFound;
            }

            if (found.Status != PromptTestStatuses.Draft)
            {
                return PromptExperimentStart.NotDraft;
            }

            try
            {
                await PromptExperimentRows.StartAsync(transaction, testId, time.GetUtcNow());
                test = await PromptExperimentRows.FindRunningAsync(transaction, PromptName);
                await transaction.CommitAsync();
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // prompt_ab_tests_one_running_per_prompt: started elsewhere (by hand, or a grain of an older deployment).
                return PromptExperimentStart.AnotherTestRunning;
            }
        }

        state.State.Reset(test?.Id);
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(DeadlineReminder, DeadlineCheckPeriod, DeadlineCheckPeriod);
        logger.LogInformation("Started prompt test {TestId} on {Prompt}: {Control} vs {Treatment}",
            testId, PromptName, test?.ControlVariantId, test?.TreatmentVariantId);
        return PromptExperimentStart.Started;
    }

    public async Task<bool> CancelAsync(Guid testId)
    {
        var running = test?.Id == testId;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            if (!await PromptExperimentRows.CancelAsync(transaction, testId, PromptName, time.GetUtcNow(),
                    running ? state.State.Control.Metrics() : null, running ? state.State.Treatment.Metrics() : null))
            {
                return false;
            }

            await transaction.CommitAsync();
        }

        if (running)
        {
            await EndAsync();
        }

        logger.LogInformation("Cancelled prompt test {TestId} on {Prompt}", testId, PromptName);
        return true;
    }

    public async Task<PromptAssignment?> AssignAsync(string? subjectKey)
    {
        await ApplyStoppingRuleAsync();
        if (test is null)
        {
            return null;
        }

        var arm = PromptExperimentRules.Assign(test.Id, test.ControlTrafficPercentage, subjectKey);
        return new PromptAssignment(test.Id, arm == PromptArm.Control ? test.ControlVariantId : test.TreatmentVariantId, arm);
    }

    public async Task RecordResultAsync(PromptExperimentResult result)
    {
        if (test is null || result.TestId != test.Id)
        {
            return; // a late result of a test that has ended
        }

        PromptArm? arm = result.VariantId == test.ControlVariantId ? PromptArm.Control
            : result.VariantId == test.TreatmentVariantId ? PromptArm.Treatment
            : null;
        if (arm is null)
        {
            return;
        }

        state.State.Of(arm.Value).Add(PromptExperimentRules.IsSuccess(result), Math.Clamp(result.Quality, 0, 1));
        await state.WriteStateAsync();
        await ApplyStoppingRuleAsync();
    }

    public async Task<PromptExperimentStatus?> GetStatusAsync()
    {
        await ApplyStoppingRuleAsync();
        if (test is null)
        {
            return null;
        }

        var analysis = PromptExperimentAnalysis.Of(state.State.Control, state.State.Treatment);
        return new PromptExperimentStatus(
            test.Id, test.PromptName, test.Language, test.ControlVariantId, test.TreatmentVariantId, (double)test.ControlTrafficPercentage,
            test.MinSampleSize, (double)test.SignificanceLevel, test.StartedAt, test.EndsBy,
            state.State.Control.Metrics(), state.State.Treatment.Metrics(), analysis.RateTest?.PValue, analysis.QualityTest?.PValue);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ApplyStoppingRuleAsync();
        if (test is null)
        {
            await UnregisterDeadlineReminderAsync();
        }
    }

    /// <summary>
    /// The fixed-horizon rule: evaluated once both arms reach the minimum sample size (never earlier, so repeated
    /// looks cannot inflate the false-positive rate); the maximum duration passing first ends it without a winner.
    /// </summary>
    private async Task ApplyStoppingRuleAsync()
    {
        if (test is null)
        {
            return;
        }

        var control = state.State.Control;
        var treatment = state.State.Treatment;
        var now = time.GetUtcNow();
        var analysis = PromptExperimentAnalysis.Of(control, treatment);
        if (control.Samples >= test.MinSampleSize && treatment.Samples >= test.MinSampleSize)
        {
            var winner = PromptExperimentAnalysis.Winner(control, treatment, analysis.RateTest!, test.SignificanceLevel);
            await CompleteAsync(analysis, winner, PromptTestStatuses.EndedAtSampleSize, now);
        }
        else if (now >= test.EndsBy)
        {
            await CompleteAsync(analysis, null, PromptTestStatuses.EndedAtMaxDuration, now);
        }
    }

    private async Task CompleteAsync(PromptExperimentAnalysis analysis, PromptArm? winner, string reason, DateTimeOffset now)
    {
        var completed = test!;
        var completion = new PromptExperimentCompletion(
            completed, state.State.Control.Metrics(), state.State.Treatment.Metrics(),
            analysis.RateTest?.PValue, analysis.QualityTest?.PValue, winner, reason, now);
        bool written;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            written = await PromptExperimentRows.CompleteAsync(transaction, completion);
            if (written)
            {
                await transaction.CommitAsync();
            }
        }

        if (winner is not null && written)
        {
            foreach (var cache in registryCaches)
            {
                cache.Invalidate();
            }
        }

        logger.LogInformation(
            "Prompt test {TestId} on {Prompt} ended ({Reason}): control {Control}, treatment {Treatment}, p = {PValue}, winner {Winner}",
            completed.Id, PromptName, reason, completion.Control, completion.Treatment, completion.PValue, winner?.ToString() ?? "none");
        await EndAsync();
    }

    private async Task EndAsync()
    {
        test = null;
        state.State.Reset(null);
        await state.WriteStateAsync();
        await UnregisterDeadlineReminderAsync();
    }

    private async Task UnregisterDeadlineReminderAsync()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
