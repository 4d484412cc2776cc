using System.Globalization;
using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Infrastructure.Metrics;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Silo.Learning;

/// <summary>
/// The learning job's statements, run as system (the loop learns across clients). Queries over every client name
/// the clients (<c>client_id = ANY(...)</c>) so they run on feedback_tracking's client_id-leading indexes.
/// </summary>
internal static class FeedbackLearningRows
{
    private const string Columns =
        "id, client_id, lead_id, action_type, outcome, context_data ->> 'kind', model_name, created_at, learning_applied, context_data -> 'fields', context_data -> 'predicted', context_data -> 'actual'";

    private const string PredictionFilter = "action_type = 'system_performance' AND context_data ->> 'kind' = 'lead_enrichment'";

    private const string EveryClient = "(client_id = ANY (ARRAY(SELECT client_id FROM clients)) OR client_id IS NULL)";

    /// <summary>The next page of unprocessed predictions after (<paramref name="afterAt"/>, <paramref name="afterId"/>), oldest first.</summary>
    public static Task<List<FeedbackRow>> UnprocessedPredictionsAsync(TenantTransaction transaction, DateTimeOffset afterAt, Guid afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(transaction.Command(
            $"""
            SELECT {Columns} FROM feedback_tracking
             WHERE NOT learning_applied AND {PredictionFilter} AND (created_at, id) > ($1, $2)
             ORDER BY created_at, id LIMIT $3
            """,
            afterAt, afterId, limit), cancellationToken);

    /// <summary>The next page of unprocessed outcome rows (everything but predictions), oldest first.</summary>
    public static Task<List<FeedbackRow>> UnprocessedOutcomesAsync(TenantTransaction transaction, DateTimeOffset afterAt, Guid afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(transaction.Command(
            $"""
            SELECT {Columns} FROM feedback_tracking
             WHERE NOT learning_applied AND NOT ({PredictionFilter}) AND (created_at, id) > ($1, $2)
             ORDER BY created_at, id LIMIT $3
            """,
            afterAt, afterId, limit), cancellationToken);

    /// <summary>Every feedback row of these leads (pairs of client and lead).</summary>
    public static async Task<ILookup<Guid, FeedbackRow>> LeadHistoriesAsync(TenantTransaction transaction, IEnumerable<FeedbackRow> rows, CancellationToken cancellationToken)
    {
        var leads = rows.Where(r => r.LeadId is not null && r.ClientId is not null).Select(r => (Client: r.ClientId!.Value, Lead: r.LeadId!.Value)).Distinct().ToArray();
        if (leads.Length == 0)
        {
            return Array.Empty<FeedbackRow>().ToLookup(r => r.LeadId!.Value);
        }

        var history = await ReadAsync(transaction.Command(
            $"""
            SELECT {Columns} FROM feedback_tracking f
             WHERE (f.client_id, f.lead_id) IN (SELECT c, l FROM unnest($1::uuid[], $2::uuid[]) AS t(c, l))
            """,
            leads.Select(l => l.Client).ToArray(), leads.Select(l => l.Lead).ToArray()), cancellationToken);
        return history.ToLookup(r => r.LeadId!.Value);
    }

    /// <summary>The applied predictions of one model made on one UTC day.</summary>
    public static Task<List<FeedbackRow>> AppliedPredictionsAsync(TenantTransaction transaction, string model, DateOnly day, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return ReadAsync(transaction.Command(
            $"""
            SELECT {Columns} FROM feedback_tracking
             WHERE {EveryClient} AND learning_applied AND {PredictionFilter} AND model_name = $1 AND created_at >= $2 AND created_at < $3
            """,
            model, from, from.AddDays(1)), cancellationToken);
    }

    /// <summary>Marks rows processed, each with its learning impact (0–1).</summary>
    public static async Task<int> MarkAppliedAsync(TenantTransaction transaction, IReadOnlyList<(Guid Id, double Impact)> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var command = transaction.Command(
            """
            UPDATE feedback_tracking f
               SET learning_applied = true, processed_at = $3, learning_impact = round(t.impact::numeric, 3), updated_at = $3
              FROM unnest($1::uuid[], $2::float8[]) AS t(id, impact)
             WHERE f.id = t.id AND NOT f.learning_applied
            """,
            rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Impact).ToArray(), now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The accuracy row per field of (model, day) (the latest, should there be several): field → (predictions, corrected).</summary>
    public static async Task<Dictionary<string, (int Predictions, int Corrected)>> LatestAccuracyAsync(TenantTransaction transaction, string model, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            """
            SELECT DISTINCT ON (metadata ->> 'field') metadata ->> 'field', (metadata ->> 'predictions')::int, (metadata ->> 'corrected')::int
              FROM performance_metrics
             WHERE client_id IS NULL AND source_component = $3 AND event_type = $4 AND metric_name = $5
               AND metadata ->> 'model' = $1 AND metadata ->> 'day' = $2
             ORDER BY metadata ->> 'field', recorded_at DESC, created_at DESC
            """,
            model, Day(day), PerformanceMetricNames.IntelligenceEngine, PerformanceMetricNames.AiAnalysis, PerformanceMetricNames.Accuracy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var latest = new Dictionary<string, (int, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }

        return latest;
    }

    /// <summary>Removes the figure of (model, field, day) that <see cref="InsertAccuracyAsync"/> is about to replace.</summary>
    public static async Task DeleteAccuracyAsync(TenantTransaction transaction, string model, string field, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            """
            DELETE FROM performance_metrics
             WHERE client_id IS NULL AND source_component = $4 AND event_type = $5 AND metric_name = $6
               AND metadata ->> 'model' = $1 AND metadata ->> 'field' = $2 AND metadata ->> 'day' = $3
            """,
            model, field, Day(day), PerformanceMetricNames.IntelligenceEngine, PerformanceMetricNames.AiAnalysis, PerformanceMetricNames.Accuracy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One accuracy row: <c>ai_analysis</c> / <c>accuracy</c> / score, system-wide, metadata {model, field, day, predictions, corrected}.</summary>
    public static async Task InsertAccuracyAsync(TenantTransaction transaction, string model, string field, DateOnly day, int predictions, int corrected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accuracy = (double)(predictions - corrected) / predictions;
        var metadata = JsonSerializer.Serialize(new { model, field, day = Day(day), predictions, corrected });
        await using var command = transaction.Command(
            """
            INSERT INTO performance_metrics (event_type, metric_name, metric_value, metric_unit, ai_accuracy, source_component, client_id, recorded_at, metadata, created_at)
            VALUES ($1, $2, $3, 'score', round($3::numeric, 3), $4, NULL, $5, $6, $5)
            """,
            PerformanceMetricNames.AiAnalysis, PerformanceMetricNames.Accuracy, accuracy, PerformanceMetricNames.IntelligenceEngine, now,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = metadata });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<FeedbackRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<FeedbackRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new FeedbackRow(
                    reader.GetGuid(0),
                    reader.IsDBNull(1) ? null : reader.GetGuid(1),
                    reader.IsDBNull(2) ? null : reader.GetGuid(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetFieldValue<DateTimeOffset>(7),
                    reader.GetBoolean(8),
                    CorrectedFields(
                        reader.IsDBNull(9) ? null : reader.GetString(9),
                        reader.IsDBNull(10) ? null : reader.GetString(10),
                        reader.IsDBNull(11) ? null : reader.GetString(11))));
            }

            return rows;
        }
    }

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
