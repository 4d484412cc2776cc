using System.Text.Json;
using System.Text.Json.Nodes;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Npgsql;

namespace Avenir.Silo.Tests.Growth;

/// <summary>Leads written straight into lead_memory as the owner (any created_at, any state), and report comparison.</summary>
public static class GrowthTestLeads
{
    public sealed record Row(
        DateTimeOffset CreatedAt, string? Language = null, string? Intent = null, string? Urgency = null, string? Tone = null, decimal? Confidence = null,
        bool Archived = false, bool Deleted = false, bool Converted = false, string? Tag = null);

    public static async Task<Guid> InsertAsync(string ownerConnectionString, Guid clientId, Row row)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO lead_memory (id, client_id, name, email, message, language, intent, urgency, tone, confidence_score,
                                     enrichment_status, enrichment_model, archived, archived_at, deleted, deleted_at, converted_at,
                                     current_tag, dedupe_hash, created_at, updated_at)
            VALUES ($1, $2, 'Test Lead', 'lead@example.ca', 'Bonjour', $3, $4, $5, $6, $7,
                    CASE WHEN $4::text IS NULL THEN 'pending' ELSE 'completed' END, CASE WHEN $4::text IS NULL THEN NULL ELSE 'test-model-1' END,
                    $8, CASE WHEN $8 THEN $12 END, $9, CASE WHEN $9 THEN $12 END, CASE WHEN $10 THEN $12 END,
                    $11, encode(sha256(convert_to($1::text, 'UTF8')), 'hex'), $12, $12)
            """,
            connection);
        object?[] values =
            [id, clientId, row.Language, row.Intent, row.Urgency, row.Tone, row.Confidence, row.Archived, row.Deleted, row.Converted, row.Tag, row.CreatedAt];
        NpgsqlTypes.NpgsqlDbType[] types =
        [
            NpgsqlTypes.NpgsqlDbType.Uuid, NpgsqlTypes.NpgsqlDbType.Uuid, NpgsqlTypes.NpgsqlDbType.Text, NpgsqlTypes.NpgsqlDbType.Text,
            NpgsqlTypes.NpgsqlDbType.Text, NpgsqlTypes.NpgsqlDbType.Text, NpgsqlTypes.NpgsqlDbType.Numeric, NpgsqlTypes.NpgsqlDbType.Boolean,
            NpgsqlTypes.NpgsqlDbType.Boolean, NpgsqlTypes.NpgsqlDbType.Boolean, NpgsqlTypes.NpgsqlDbType.Text, NpgsqlTypes.NpgsqlDbType.TimestampTz,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = types[i], Value = values[i] ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>
    /// Asserts two reports hold the same figures: every field but the moment and the source, numbers compared
    /// by value (0.50 equals 0.5).
    /// </summary>
    public static void AssertSameFigures(GrowthBrainReport expected, GrowthBrainReport actual)
    {
        var left = Figures(expected);
        var right = Figures(actual);
        Assert.True(JsonNode.DeepEquals(left, right) || SameNumbers(left, right), $"expected {left.ToJsonString()}\n  actual {right.ToJsonString()}");
    }

    private static JsonNode Figures(GrowthBrainReport report) =>
        JsonSerializer.SerializeToNode(report with { AnalyzedAt = default, PeriodEnd = default, Source = "" }, JsonSerializerOptions.Web)!;

    private static bool SameNumbers(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(pair => b.ContainsKey(pair.Key) && SameNumbers(pair.Value, b[pair.Key])),
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(pair => SameNumbers(pair.First, pair.Second)),
        (JsonValue a, JsonValue b) when a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number =>
            a.GetValue<decimal>() == b.GetValue<decimal>(),
        (JsonValue a, JsonValue b) => JsonNode.DeepEquals(a, b),
        _ => false,
    };
}
