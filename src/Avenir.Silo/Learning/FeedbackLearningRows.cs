using Avenir.Contracts.Learning;
using Avenir.Infrastructure.Metrics;

namespace Avenir.Silo.Learning;

/// <summary>
/// The learning job's statements, run as system (the loop learns across clients). Queries over every client name
/// the clients (<c>client_id = ANY(...)</c>) so they run on feedback_tracking's client_id-leading indexes.
/// </summary>
internal static class FeedbackLearningRows
{
    private const string Columns =
        """
        id, client_id, lead_id, action_type, outcome, context_data ->> 'kind' AS kind, model_name, created_at, learning_applied,
        (context_data -> 'fields')::text AS fields, (context_data -> 'predicted')::text AS predicted, (context_data -> 'actual')::text AS actual
        """;

    private const string PredictionFilter = "action_type = @predictionAction AND context_data ->> 'kind' = @predictionKind";

    private const string EveryClient = "(client_id = ANY (ARRAY(SELECT client_id FROM clients)) OR client_id IS NULL)";

    /// <summary>The next page of unprocessed predictions after (<paramref name="afterAt"/>, <paramref name="afterId"/>), oldest first.</summary>
    public static Task<List<FeedbackRow>> UnprocessedPredictionsAsync(
        TenantTransaction transaction, DateTimeOffset afterAt, Guid afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(transaction,
            $"""
            SELECT {Columns} FROM feedback_tracking
             WHERE NOT learning_applied AND {PredictionFilter} AND (created_at, id) > (@afterAt, @afterId)
             ORDER BY created_at, id LIMIT @limit
            """,
            new { afterAt, afterId, limit, predictionAction = FeedbackKinds.SystemPerformanceAction, predictionKind = FeedbackKinds.LeadEnrichment },
            cancellationToken);

    /// <summary>The next page of unprocessed outcome rows (everything but predictions), oldest first.</summary>
    public static Task<List<FeedbackRow>> UnprocessedOutcomesAsync(
        TenantTransaction transaction, DateTimeOffset afterAt, Guid afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(transaction,
            $"""
            SELECT {Columns} FROM feedback_tracking
             WHERE NOT learning_applied AND NOT ({PredictionFilter}) AND (created_at, id) > (@afterAt, @afterId)
             ORDER BY created_at, id LIMIT @limit
            """,
            new { afterAt, afterId, limit, predictionAction = FeedbackKinds.SystemPerformanceAction, predictionKind = FeedbackKinds.LeadEnrichment },
            cancellationToken);

    /// <summary>Every feedback row of these leads (pairs of client and lead).</summary>
    public static async Task<ILookup<Guid, FeedbackRow>> LeadHistoriesAsync(
        TenantTransaction transaction, IEnumerable<FeedbackRow> rows, CancellationToken cancellationToken)
    {
        var leads = rows
            .Where(r => r.LeadId is not null && r.ClientId is not null)
            .Select(r => (Client: r.ClientId!.Value, Lead: r.LeadId!.Value))
            .Distinct()
            .ToArray();
        if (leads.Length == 0)
        {
            return Array.Empty<FeedbackRow>().ToLookup(r => r.LeadId!.Value);
        }

        var history = await ReadAsync(transaction,
            $"""
            SELECT {Columns} FROM feedback_tracking f
             WHERE (f.client_id, f.lead_id) IN (SELECT c, l FROM unnest(@clients::uuid[], @leads::uuid[]) AS t(c, l))
            """,
            new { clients = leads.Select(l => l.Client).ToArray(), leads = leads.Select(l => l.Lead).ToArray() }, cancellationToken);
        return history.ToLookup(r => r.LeadId!.Value);
    }

    /// <summary>The applied predictions of one model made on one UTC day.</summary>
    public static Task<List<FeedbackRow>> AppliedPredictionsAsync(
        TenantTransaction transaction, string model, DateOnly day, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return ReadAsync(transaction,
            $"""
            SELECT {Columns} FROM feedback_tracking
             WHERE {EveryClient} AND learning_applied AND {PredictionFilter} AND model_name = @model AND created_at >= @from AND created_at < @to
            """,
            new { model, from, to = from.AddDays(1), predictionAction = FeedbackKinds.SystemPerformanceAction, predictionKind = FeedbackKinds.LeadEnrichment },
            cancellationToken);
    }

    /// <summary>Marks rows processed, each with its learning impact (0–1).</summary>
    public static async Task<int> MarkAppliedAsync(
        TenantTransaction transaction, IReadOnlyList<(Guid Id, double Impact)> rows, DateTimeOffset now, CancellationToken cancellationToken) =>
        rows.Count == 0 ? 0 : await transaction.ExecuteAsync(
            """
            UPDATE feedback_tracking f
               SET learning_applied = true, processed_at = @now, learning_impact = round(t.impact::numeric, 3), updated_at = @now
              FROM unnest(@ids::uuid[], @impacts::float8[]) AS t(id, impact)
             WHERE f.id = t.id AND NOT f.learning_applied
            """,
            new { ids = rows.Select(r => r.Id).ToArray(), impacts = rows.Select(r => r.Impact).ToArray(), now }, cancellationToken);

    /// <summary>The accuracy row per field of (model, day) (the latest, should there be several): field → (predictions, corrected).</summary>
    public static async Task<Dictionary<string, (int Predictions, int Corrected)>> LatestAccuracyAsync(
        TenantTransaction transaction, string model, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await transaction.QueryAsync<FieldAccuracy>(
            """
            SELECT DISTINCT ON (metadata ->> 'field') metadata ->> 'field' AS field, (metadata ->> 'predictions')::int AS predictions,
                   (metadata ->> 'corrected')::int AS corrected
              FROM performance_metrics
             WHERE client_id IS NULL AND source_component = @component AND event_type = @eventType AND metric_name = @metric
               AND metadata ->> 'model' = @model AND metadata ->> 'day' = @day
             ORDER BY metadata ->> 'field', recorded_at DESC, created_at DESC
            """,
            AccuracyKey(model, day), cancellationToken);
        return rows.ToDictionary(r => r.Field, r => (r.Predictions, r.Corrected), StringComparer.Ordinal);
    }

    /// <summary>Removes the figure of (model, field, day) that <see cref="InsertAccuracyAsync"/> is about to replace.</summary>
    public static Task DeleteAccuracyAsync(TenantTransaction transaction, string model, string field, DateOnly day, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            DELETE FROM performance_metrics
             WHERE client_id IS NULL AND source_component = @component AND event_type = @eventType AND metric_name = @metric
               AND metadata ->> 'model' = @model AND metadata ->> 'field' = @field AND metadata ->> 'day' = @day
            """,
            new
            {
                model,
                field,
                day = Day(day),
                component = PerformanceMetricNames.IntelligenceEngine,
                eventType = PerformanceMetricNames.AiAnalysis,
                metric = PerformanceMetricNames.Accuracy,
            },
            cancellationToken);

    /// <summary>One accuracy row: <c>ai_analysis</c> / <c>accuracy</c> / score, system-wide, metadata {model, field, day, predictions, corrected}.</summary>
    public static Task InsertAccuracyAsync(
        TenantTransaction transaction, string model, string field, DateOnly day, int predictions, int corrected, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO performance_metrics (event_type, metric_name, metric_value, metric_unit, ai_accuracy, source_component, client_id, recorded_at,
                                             metadata, created_at)
            VALUES (@eventType, @metric, @accuracy, 'score', round(@accuracy::numeric, 3), @component, NULL, @now, @metadata, @now)
            """,
            new
            {
                eventType = PerformanceMetricNames.AiAnalysis,
                metric = PerformanceMetricNames.Accuracy,
                accuracy = (double)(predictions - corrected) / predictions,
                component = PerformanceMetricNames.IntelligenceEngine,
                now,
                metadata = Sql.Jsonb(new { model, field, day = Day(day), predictions, corrected }),
            },
            cancellationToken);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object AccuracyKey(string model, DateOnly day) => new
    {
        model,
        day = Day(day),
        component = PerformanceMetricNames.IntelligenceEngine,
        eventType = PerformanceMetricNames.AiAnalysis,
        metric = PerformanceMetricNames.Accuracy,
    };

    private static async Task<List<FeedbackRow>> ReadAsync(TenantTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        [.. (await transaction.QueryAsync<StoredFeedback>(sql, parameters, cancellationToken)).Select(row => new FeedbackRow(
            row.Id, row.ClientId, row.LeadId, row.ActionType, row.Outcome, row.Kind, row.ModelName, row.CreatedAt, row.LearningApplied,
            CorrectedFields(row.Fields, row.Predicted, row.Actual)))];

    private sealed record StoredFeedback(
        Guid Id, Guid? ClientId, Guid? LeadId, string ActionType, string Outcome, string? Kind, string? ModelName, DateTimeOffset CreatedAt,
        bool LearningApplied, string? Fields, string? Predicted, string? Actual);

    private sealed record FieldAccuracy(string Field, int Predictions, int Corrected);

    /// <summary>
    /// A correction's fields: its <c>fields</c> list, or — when it has none — the fields whose <c>actual</c> differs
    /// from <c>predicted</c>. Only intent, urgency and tone count.
    /// </summary>
    private static HashSet<string> CorrectedFields(string? fields, string? predicted, string? actual)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (fields is not null)
        {
            using var list = JsonDocument.Parse(fields);
            if (list.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.RootElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && PredictionVerdict.Fields.Contains(item.GetString()!))
                    {
                        result.Add(item.GetString()!);
                    }
                }

                return result;
            }
        }

        if (predicted is null || actual is null)
        {
            return result;
        }

        using var before = JsonDocument.Parse(predicted);
        using var after = JsonDocument.Parse(actual);
        if (before.RootElement.ValueKind != JsonValueKind.Object || after.RootElement.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var field in PredictionVerdict.Fields)
        {
            if (after.RootElement.TryGetProperty(field, out var value)
                && (!before.RootElement.TryGetProperty(field, out var old) || old.ToString() != value.ToString()))
            {
                result.Add(field);
            }
        }

        return result;
    }
}
