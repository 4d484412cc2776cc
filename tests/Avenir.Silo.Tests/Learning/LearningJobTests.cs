using System.Text.Json;
using Avenir.Silo.Learning;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Avenir.Silo.Tests.Learning;

/// <summary>
/// The <c>feedback_learning</c> job on a known set of predictions and outcomes (its own database: the job reads
/// every row). Times are placed on UTC days relative to the harness's clock.
/// </summary>
public sealed class LearningJobTests(LearningDatabaseFixture fixture) : IClassFixture<LearningDatabaseFixture>
{
    private static readonly object Predicted = new { intent = "appointment_booking", urgency = "High", tone = "Friendly" };

    [Fact]
    public async Task Known_predictions_and_corrections_give_exact_accuracies_per_model_field_and_day_and_a_second_run_writes_nothing()
    {
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString,
            services => services.AddFeedbackLearning(new ConfigurationBuilder().Build(), scheduler: false));
        var now = harness.Time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var (day1, day2) = (today.AddDays(-10), today.AddDays(-2));
        var (model, other) = ($"model-a-{Guid.NewGuid():N}", $"model-b-{Guid.NewGuid():N}");
        var client = await fixture.CreateClientAsync();

        // Day 1 (10 days ago: past the 7-day confirmation window).
        var l1 = await NewLeadPredictedAsync(client, model, day1.AddHours(8));
        await fixture.InsertAsync(client, l1.Lead, "user_action", "neutral", model, day1.AddHours(9), new { kind = "tag", tag = "Hot Lead" });
        var l2 = await NewLeadPredictedAsync(client, model, day1.AddHours(8));
        await fixture.CorrectAsync(
            client, l2.Lead, model, day1.AddHours(9), Predicted, new { intent = "pricing_quote", urgency = "High", tone = "Friendly" }, ["intent"]);
        var l3 = await NewLeadPredictedAsync(client, model, day1.AddHours(8));
        await fixture.CorrectAsync(
            client, l3.Lead, model, day1.AddHours(9), Predicted, new { intent = "pricing_quote", urgency = "High", tone = "Formal" }, ["intent", "tone"]);
        var l4 = await NewLeadPredictedAsync(client, model, day1.AddHours(8));
        // No "fields": derived from predicted vs actual (urgency only).
        await fixture.CorrectAsync(
            client, l4.Lead, model, day1.AddHours(9), Predicted, new { intent = "appointment_booking", urgency = "Low", tone = "Friendly" }, fields: null);
        // Re-analysed: the correction belongs to the second prediction; the first, superseded, counts as confirmed.
        var l9 = await NewLeadPredictedAsync(client, model, day1.AddHours(8));
        var l9Second = await fixture.PredictAsync(client, l9.Lead, model, day1.AddHours(8.5));
        await fixture.CorrectAsync(client, l9.Lead, model, day1.AddHours(10), Predicted, new { intent = "complaint" }, ["intent"]);
        var l10 = await NewLeadPredictedAsync(client, other, day1.AddHours(8));

        // Day 2 (2 days ago: inside the window).
        var l5 = await NewLeadPredictedAsync(client, model, day2.AddHours(8)); // nobody looked yet: waits
        var l6 = await NewLeadPredictedAsync(client, model, day2.AddHours(8));
        await fixture.CorrectAsync(client, l6.Lead, model, day2.AddHours(9), Predicted, new { tone = "Casual" }, ["tone"]);
        var l7 = await NewLeadPredictedAsync(client, model, day2.AddHours(8));
        await fixture.ConvertAsync(client, l7.Lead, model, day2.AddHours(9)); // converted more than a day ago: confirmed
        var l8 = await NewLeadPredictedAsync(client, model, day2.AddHours(8));
        var l8Conversion = await fixture.ConvertAsync(client, l8.Lead, model, now.AddHours(-1)); // an hour ago: still in its grace day

        var scheduler = new FeedbackJobsScheduler(harness.Queue, harness.Time, NullLogger<FeedbackJobsScheduler>.Instance);
        var (learningJob, _) = await scheduler.EnqueueDueAsync();
        Assert.NotNull(learningJob);
        Assert.Null((await scheduler.EnqueueDueAsync()).Learning); // same hour: deduplicated
        Assert.Equal(1, await harness.RunUntilIdleAsync(FeedbackLearningJobHandler.Type));
        var result = await fixture.ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1 AND status = 'completed'", learningJob.Value);
        Assert.Equal(new FeedbackLearningResult(PredictionsSettled: 9, PredictionsWaiting: 2, OutcomesApplied: 7, AccuracyRowsWritten: 9),
            JsonSerializer.Deserialize<FeedbackLearningResult>((string)result!, JsonSerializerOptions.Web));

        // Day 1, model A: 6 predictions; intent corrected on l2, l3, l9's second; urgency on l4; tone on l3.
        await AssertAccuracyAsync(model, day1, "intent", 6, 3, 0.500m);
        await AssertAccuracyAsync(model, day1, "urgency", 6, 1, 0.833m);
        await AssertAccuracyAsync(model, day1, "tone", 6, 1, 0.833m);
        // Day 2, model A: l6 (tone corrected) and l7 (converted); l5 and l8 wait.
        await AssertAccuracyAsync(model, day2, "intent", 2, 0, 1.000m);
        await AssertAccuracyAsync(model, day2, "urgency", 2, 0, 1.000m);
        await AssertAccuracyAsync(model, day2, "tone", 2, 1, 0.500m);
        await AssertAccuracyAsync(other, day1, "intent", 1, 0, 1.000m);

        Assert.Equal("t|0.667", await LearningStateAsync(l3.Prediction));
        Assert.Equal("t|0.333", await LearningStateAsync(l2.Prediction));
        Assert.Equal("t|0.000", await LearningStateAsync(l1.Prediction));
        Assert.Equal("t|0.000", await LearningStateAsync(l9.Prediction));
        Assert.Equal("t|0.333", await LearningStateAsync(l9Second));
        Assert.Equal("f|", await LearningStateAsync(l5.Prediction));
        Assert.Equal("f|", await LearningStateAsync(l8.Prediction));
        Assert.Equal("f|", await LearningStateAsync(l8Conversion)); // waits for its prediction
        Assert.Equal(0, await fixture.CountAsync(
            "SELECT count(*) FROM feedback_tracking WHERE learning_applied AND (processed_at IS NULL OR abs(extract(epoch FROM processed_at - $1)) > 0.001)",
            now));

        // Running again changes nothing.
        var handler = ActivatorUtilities.CreateInstance<FeedbackLearningJobHandler>(harness.Services);
        Assert.Equal(new FeedbackLearningResult(0, 2, 0, 0), await handler.RunAsync());
        Assert.Equal(9, await AccuracyRowsAsync());

        // A correction made after its prediction was settled still counts: only that figure's row is replaced.
        await fixture.CorrectAsync(client, l1.Lead, model, now, Predicted, new { intent = "other" }, ["intent"]);
        Assert.Equal(new FeedbackLearningResult(0, 2, 1, 1), await handler.RunAsync());
        await AssertAccuracyAsync(model, day1, "intent", 6, 4, 0.333m);
        Assert.Equal(9, await AccuracyRowsAsync()); // one row per model, field and day

        // A week later the waiting predictions are confirmed, and day 2 is recomputed with them.
        harness.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(new FeedbackLearningResult(2, 0, 1, 3), await handler.RunAsync());
        await AssertAccuracyAsync(model, day2, "intent", 4, 0, 1.000m);
        await AssertAccuracyAsync(model, day2, "tone", 4, 1, 0.750m);
    }

    private async Task<(Guid Lead, Guid Prediction)> NewLeadPredictedAsync(Guid client, string model, DateTimeOffset at)
    {
        var lead = await fixture.CreateLeadAsync(client);
        return (lead, await fixture.PredictAsync(client, lead, model, at));
    }

    /// <summary>The latest accuracy row of (model, day, field) as the job wrote it.</summary>
    private async Task AssertAccuracyAsync(string model, DateTimeOffset day, string field, int predictions, int corrected, decimal accuracy)
    {
        var row = await fixture.ScalarAsync(
            """
            SELECT concat_ws('|', event_type, metric_name, metric_unit, source_component, client_id IS NULL, ai_accuracy,
                             metadata ->> 'predictions', metadata ->> 'corrected', round(metric_value::numeric, 3))
              FROM performance_metrics
             WHERE metric_name = 'accuracy' AND metadata ->> 'model' = $1 AND metadata ->> 'day' = $2 AND metadata ->> 'field' = $3
             ORDER BY recorded_at DESC, created_at DESC LIMIT 1
            """,
            model, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), field);
        var expected = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ai_analysis|accuracy|score|intelligence_engine|t|{accuracy:0.000}|{predictions}|{corrected}|{accuracy:0.000}");
        Assert.Equal(expected, row);
    }

    private async Task<string?> LearningStateAsync(Guid feedbackId) =>
        (string?)await fixture.ScalarAsync(
            "SELECT concat_ws('|', learning_applied, learning_impact) || CASE WHEN learning_impact IS NULL THEN '|' ELSE '' END "
            + "FROM feedback_tracking WHERE id = $1",
            feedbackId);

    private Task<long> AccuracyRowsAsync() => fixture.CountAsync("SELECT count(*) FROM performance_metrics WHERE metric_name = 'accuracy'");
}
