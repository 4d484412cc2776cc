using Avenir.Api.Dashboard;

namespace Avenir.Api.Admin;

/// <summary>
/// <c>GET /api/admin/model-accuracy?days=30</c>: what the <c>feedback_learning</c> job computed — for each model and
/// field, the accuracy of the predictions made on each UTC day (the latest figure per day), and over the period.
/// </summary>
public static class ModelAccuracyApi
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    /// <param name="From">First UTC day (yyyy-MM-dd) of the period, inclusive.</param>
    /// <param name="To">Last UTC day (today), inclusive.</param>
    public sealed record ModelAccuracyReport(string From, string To, IReadOnlyList<ModelAccuracy> Models);

    public sealed record ModelAccuracy(string Model, IReadOnlyList<FieldAccuracy> Fields);

    /// <param name="Field"><c>intent</c>, <c>urgency</c> or <c>tone</c>.</param>
    /// <param name="Predictions">Settled predictions over the period.</param>
    /// <param name="Corrected">Of those, how many had this field corrected.</param>
    /// <param name="Accuracy">(predictions − corrected) / predictions, 0–1.</param>
    public sealed record FieldAccuracy(string Field, int Predictions, int Corrected, double Accuracy, IReadOnlyList<DayAccuracy> Days);

    public sealed record DayAccuracy(string Day, int Predictions, int Corrected, double Accuracy);

    public static async Task<Results<Ok<ModelAccuracyReport>, ProblemHttpResult>> GetAsync(
        HttpContext http, MetricsQueries metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var days = DefaultDays;
        if (http.Request.Query["days"].ToString() is { Length: > 0 } asked
            && (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > MaxDays))
        {
            return DashboardProblems.Invalid("invalid_parameter", "days", $"days is a whole number from 1 to {MaxDays}.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days);
        var rows = await metrics.AccuracyAsync(Day(from), Day(today), cancellationToken);
        var models = rows.GroupBy(r => r.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(model => new ModelAccuracy(model.Key, [.. model.GroupBy(r => r.Field)
                .OrderBy(f => FieldOrder(f.Key)).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Select(field =>
                {
                    var predictions = field.Sum(r => r.Predictions);
                    var corrected = field.Sum(r => r.Corrected);
                    return new FieldAccuracy(field.Key, predictions, corrected, Accuracy(predictions, corrected),
                        [.. field.OrderBy(r => r.Day, StringComparer.Ordinal)
                            .Select(r => new DayAccuracy(r.Day, r.Predictions, r.Corrected, Accuracy(r.Predictions, r.Corrected)))]);
                })]))
            .ToList();
        return TypedResults.Ok(new ModelAccuracyReport(Day(from), Day(today), models));
    }

    private static double Accuracy(int predictions, int corrected) =>
        predictions == 0 ? 0 : Math.Round((double)(predictions - corrected) / predictions, 4);

    private static int FieldOrder(string field) => field switch { "intent" => 0, "urgency" => 1, "tone" => 2, _ => 3 };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
