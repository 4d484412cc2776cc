using Avenir.Grains.Prompts;
using Avenir.Contracts.Prompts;
using Avenir.Grains.Prompts.Statistics;

namespace Avenir.Silo.Tests.Prompts;

/// <summary>The experiment grain per prompt: assignment, counting and the fixed-horizon stopping rule, on PostgreSQL.</summary>
[Collection(PromptExperimentCollection.Name)]
public sealed class PromptExperimentGrainTests(PromptExperimentFixture fixture)
{
    [Fact]
    public async Task Reaching_the_min_sample_size_without_significance_completes_with_no_winner_and_promotes_nothing()
    {
        var (prompt, control, treatment, testId, grain) = await StartedAsync(minSampleSize: 100);

        // 80% vs 83% on 100 each: p ≈ 0.58, far above 0.05.
        await RecordAsync(grain, testId, control, samples: 100, successes: 80);
        await RecordAsync(grain, testId, treatment, samples: 100, successes: 83);

        Assert.Null(await grain.GetStatusAsync());
        Assert.Equal("completed", await ColumnAsync<string>(testId, "status"));
        Assert.Equal("sample_size_reached", await ColumnAsync<string>(testId, "end_reason"));
        Assert.Null(await ColumnAsync<string>(testId, "winner_variant_id"));
        Assert.Equal(TwoProportionZTest.Run(83, 100, 80, 100).PValue, (double)(await ColumnAsync<double?>(testId, "statistical_significance"))!, 12);
        Assert.NotNull(await ColumnAsync<double?>(testId, "quality_p_value"));
        Assert.Equal(80L, await fixture.ScalarAsync("SELECT (control_metrics->>'successes')::bigint FROM prompt_ab_tests WHERE id = $1", testId));
        Assert.Equal(0.83, await fixture.ScalarAsync("SELECT (treatment_metrics->>'rate')::float8 FROM prompt_ab_tests WHERE id = $1", testId));
        // The registry is untouched and no evolution is recorded.
        Assert.Equal(true, await fixture.ScalarAsync("SELECT is_active FROM prompt_registry WHERE variant_id = $1", control));
        Assert.Equal(false, await fixture.ScalarAsync("SELECT is_active FROM prompt_registry WHERE variant_id = $1", treatment));
        Assert.Null(await fixture.ScalarAsync("SELECT score FROM prompt_registry WHERE variant_id = $1", control));
        Assert.Equal(0L, await EvolutionRowsAsync(prompt));
        Assert.Null(await grain.AssignAsync("lead-1"));
    }

    [Fact]
    public async Task A_clear_difference_at_the_min_sample_size_declares_the_winner_promotes_it_and_records_the_evolution()
    {
        var invalidationsBefore = fixture.RegistryCache.Invalidations;
        var (prompt, control, treatment, testId, grain) = await StartedAsync(minSampleSize: 100);

        await RecordAsync(grain, testId, control, samples: 100, successes: 60);
        await RecordAsync(grain, testId, treatment, samples: 100, successes: 90);

        Assert.Equal("completed", await ColumnAsync<string>(testId, "status"));
        Assert.Equal(treatment, await ColumnAsync<string>(testId, "winner_variant_id"));
        Assert.True(await ColumnAsync<double?>(testId, "statistical_significance") < 0.05);
        // Promoted: the winner active, the loser retired, both scored with their measured rates.
        Assert.Equal(true, await fixture.ScalarAsync("SELECT is_active FROM prompt_registry WHERE variant_id = $1", treatment));
        Assert.Equal(false, await fixture.ScalarAsync("SELECT is_active FROM prompt_registry WHERE variant_id = $1", control));
        Assert.Equal(0.900m, await fixture.ScalarAsync("SELECT score FROM prompt_registry WHERE variant_id = $1", treatment));
        Assert.Equal(0.600m, await fixture.ScalarAsync("SELECT score FROM prompt_registry WHERE variant_id = $1", control));
        Assert.True(fixture.RegistryCache.Invalidations > invalidationsBefore);
        // Evolution parent (control) → child (treatment) with the measured improvement.
        Assert.Equal(1L, await EvolutionRowsAsync(prompt));
        Assert.Equal(0.300m, await fixture.ScalarAsync(
            """
            SELECT e.improvement_score FROM prompt_evolution e
              JOIN prompt_registry p ON p.id = e.parent_prompt_id JOIN prompt_registry c ON c.id = e.child_prompt_id
             WHERE p.variant_id = $1 AND c.variant_id = $2 AND e.evolution_type = 'mutation'
               AND (e.feedback_data->>'abTestId')::uuid = $3
            """, control, treatment, testId));
    }

    [Fact]
    public async Task A_significant_difference_before_the_min_sample_size_does_not_end_the_test()
    {
        var (_, control, treatment, testId, grain) = await StartedAsync(minSampleSize: 100);

        // 0% vs 100% on 99 each would be decisive, but the horizon is 100 per arm: no peeking.
        await RecordAsync(grain, testId, control, samples: 99, successes: 0);
        await RecordAsync(grain, testId, treatment, samples: 99, successes: 99);

        var status = await grain.GetStatusAsync();
        Assert.NotNull(status);
        Assert.Equal((99L, 0L, 99L, 99L), (status.Control.Samples, status.Control.Successes, status.Treatment.Samples, status.Treatment.Successes));
        Assert.Equal("running", await ColumnAsync<string>(testId, "status"));
    }

    [Fact]
    public async Task Passing_the_max_duration_before_the_sample_size_ends_the_test_with_no_winner()
    {
        var (prompt, control, treatment, testId, grain) = await StartedAsync(minSampleSize: 500, maxDurationDays: 7);
        await RecordAsync(grain, testId, control, samples: 30, successes: 10);
        await RecordAsync(grain, testId, treatment, samples: 30, successes: 29);
        Assert.NotNull(await grain.GetStatusAsync());

        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Null(await grain.GetStatusAsync());
        Assert.Equal("completed", await ColumnAsync<string>(testId, "status"));
        Assert.Equal("max_duration", await ColumnAsync<string>(testId, "end_reason"));
        Assert.Null(await ColumnAsync<string>(testId, "winner_variant_id"));
        Assert.Equal(30L, await fixture.ScalarAsync("SELECT (treatment_metrics->>'samples')::bigint FROM prompt_ab_tests WHERE id = $1", testId));
        Assert.Equal(false, await fixture.ScalarAsync("SELECT is_active FROM prompt_registry WHERE variant_id = $1", treatment));
        Assert.Equal(0L, await EvolutionRowsAsync(prompt));
    }

    [Fact]
    public async Task An_80_20_split_holds_within_binomial_tolerance_and_a_subject_keeps_its_arm()
    {
        var (_, control, treatment, _, grain) = await StartedAsync(controlPercentage: 80, minSampleSize: 10_000);
        const int Assignments = 2000;
        // Four standard deviations of Binomial(n, 0.8): a correct 80/20 split fails this about once in 16,000 runs.
        var tolerance = 4 * Math.Sqrt(Assignments * 0.8 * 0.2);

        var randomControl = 0;
        var keyedControl = 0;
        for (var i = 0; i < Assignments; i++)
        {
            randomControl += (await grain.AssignAsync(null))!.Arm == PromptArm.Control ? 1 : 0;
            keyedControl += (await grain.AssignAsync($"lead-{i}"))!.Arm == PromptArm.Control ? 1 : 0;
        }

        Assert.InRange(randomControl, Assignments * 0.8 - tolerance, Assignments * 0.8 + tolerance);
        Assert.InRange(keyedControl, Assignments * 0.8 - tolerance, Assignments * 0.8 + tolerance);
        for (var i = 0; i < 20; i++)
        {
            var first = await grain.AssignAsync($"lead-{i}");
            var again = await grain.AssignAsync($"lead-{i}");
            Assert.Equal(first, again);
            Assert.Equal(first!.Arm == PromptArm.Control ? control : treatment, first.VariantId);
        }
    }

    [Fact]
    public async Task Starting_is_refused_while_another_test_of_the_prompt_runs_and_cancelling_ends_it_without_promotion()
    {
        var (prompt, _, treatment, testId, grain) = await StartedAsync();
        var second = await fixture.CreateDraftAsync(prompt);

        Assert.Equal(PromptExperimentStart.AnotherTestRunning, await grain.StartAsync(second));
        Assert.Equal(PromptExperimentStart.NotDraft, await grain.StartAsync(testId));
        await RecordAsync(grain, testId, treatment, samples: 5, successes: 5);

        Assert.True(await grain.CancelAsync(testId));
        Assert.False(await grain.CancelAsync(testId));
        Assert.Equal("cancelled", await ColumnAsync<string>(testId, "status"));
        Assert.Equal(5L, await fixture.ScalarAsync("SELECT (treatment_metrics->>'samples')::bigint FROM prompt_ab_tests WHERE id = $1", testId));
        Assert.Null(await grain.AssignAsync("lead-1"));
        Assert.Equal(PromptExperimentStart.Started, await grain.StartAsync(second));
        Assert.Equal(0L, (await grain.GetStatusAsync())!.Treatment.Samples);
    }

    [Fact]
    public async Task Results_of_another_test_or_variant_are_not_counted()
    {
        var (_, control, _, testId, grain) = await StartedAsync();

        await grain.RecordResultAsync(new PromptExperimentResult(Guid.NewGuid(), control, false, 1));
        await grain.RecordResultAsync(new PromptExperimentResult(testId, "some.other.v9", false, 1));
        await grain.RecordResultAsync(new PromptExperimentResult(testId, control, Failed: true, Quality: 1));
        await grain.RecordResultAsync(
            new PromptExperimentResult(testId, control, Failed: false, Quality: PromptExperimentRules.SuccessQualityThreshold - 0.01));

        var status = (await grain.GetStatusAsync())!;
        Assert.Equal(2, status.Control.Samples);
        Assert.Equal(0, status.Control.Successes);
    }

    [Fact]
    public async Task The_counts_survive_the_grain_being_deactivated()
    {
        var (prompt, control, treatment, testId, grain) = await StartedAsync();
        await RecordAsync(grain, testId, control, samples: 7, successes: 4);
        await RecordAsync(grain, testId, treatment, samples: 3, successes: 3);
        // Written to grain storage on every result (the start's reset, then ten results).
        Assert.Equal(11, await fixture.ScalarAsync("SELECT version FROM orleansstorage WHERE grainidextensionstring = $1", prompt));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var status = (await grain.GetStatusAsync())!;
        Assert.Equal((7L, 4L, 3L, 3L), (status.Control.Samples, status.Control.Successes, status.Treatment.Samples, status.Treatment.Successes));
        Assert.Equal(testId, status.TestId);
    }

    private async Task<(string Prompt, string Control, string Treatment, Guid TestId, IPromptExperimentGrain Grain)> StartedAsync(
        decimal controlPercentage = 50, int minSampleSize = 100, int maxDurationDays = 7)
    {
        var prompt = $"exp_{Guid.NewGuid():N}";
        var (control, treatment) = await fixture.SeedPromptAsync(prompt);
        var testId = await fixture.CreateDraftAsync(prompt, controlPercentage, minSampleSize, maxDurationDays);
        var grain = fixture.Grains.GetGrain<IPromptExperimentGrain>(prompt);
        Assert.Equal(PromptExperimentStart.Started, await grain.StartAsync(testId));
        return (prompt, control, treatment, testId, grain);
    }

    /// <summary>
    /// Records <paramref name="samples"/> results for a variant: the first <paramref name="successes"/> succeed (quality 1), the rest are
    /// unusable answers.
    /// </summary>
    private static async Task RecordAsync(IPromptExperimentGrain grain, Guid testId, string variantId, int samples, int successes)
    {
        for (var i = 0; i < samples; i++)
        {
            await grain.RecordResultAsync(i < successes
                ? new PromptExperimentResult(testId, variantId, Failed: false, Quality: 1)
                : new PromptExperimentResult(testId, variantId, Failed: true, Quality: i % 2 == 0 ? 0.5 : 0));
        }
    }

    private async Task<T?> ColumnAsync<T>(Guid testId, string column) =>
        (T?)await fixture.ScalarAsync($"SELECT {column} FROM prompt_ab_tests WHERE id = $1", testId);

    private async Task<long> EvolutionRowsAsync(string prompt) =>
        (long)(await fixture.ScalarAsync(
            "SELECT count(*) FROM prompt_evolution e JOIN prompt_registry p ON p.id = e.parent_prompt_id WHERE p.prompt_name = $1", prompt))!;
}
