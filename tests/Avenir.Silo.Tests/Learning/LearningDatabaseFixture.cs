using System.Security.Cryptography;
using System.Text.Json;
using Avenir.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Silo.Tests.Learning;

/// <summary>
/// A migrated database of its own for the learning-loop tests, with owner-side helpers that write clients, leads
/// and feedback rows exactly as the grains (and the growth feature's corrections) write them, at chosen times.
/// </summary>
public sealed class LearningDatabaseFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateMigratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs SQL as the owner (no row-level security) and returns the first column of the first row.</summary>
    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => OwnerSql.ScalarAsync(Database, sql, parameters);

    public async Task<long> CountAsync(string sql, params object?[] parameters) =>
        Convert.ToInt64(await ScalarAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public Task<Guid> CreateClientAsync() => OwnerSql.CreateClientAsync(Database, "Learning");

    public async Task<Guid> CreateLeadAsync(Guid clientId)
    {
        var id = Guid.NewGuid();
        await ScalarAsync(
            "INSERT INTO lead_memory (id, client_id, name, email, message, dedupe_hash) VALUES ($1, $2, 'Test Lead', $3, 'Hello', $4)",
            id, clientId, $"lead-{id:N}@example.com", Convert.ToHexStringLower(SHA256.HashData(id.ToByteArray())));
        return id;
    }

    /// <summary>A prediction row as <c>LeadProcessingRows.InsertPredictionFeedbackAsync</c> writes it.</summary>
    public Task<Guid> PredictAsync(
        Guid clientId, Guid leadId, string model, DateTimeOffset at, string intent = "appointment_booking", string urgency = "High",
        string tone = "Friendly") =>
        InsertAsync(clientId, leadId, "system_performance", "neutral", model, at, new
        {
            kind = "lead_enrichment",
            jobId = Guid.NewGuid(),
            prediction = new { language = "en", intent, tone, urgency, confidence = 0.8, summary = "Wants an appointment." },
            latencyMs = 12.5,
        });

    /// <summary>A user's correction, in the shape the growth feature writes (fields listed, or left to be derived).</summary>
    public Task<Guid> CorrectAsync(Guid clientId, Guid leadId, string model, DateTimeOffset at, object predicted, object actual, string[]? fields) =>
        InsertAsync(clientId, leadId, "user_action", "negative", model, at, fields is null
            ? new Dictionary<string, object> { ["kind"] = "enrichment_correction", ["predicted"] = predicted, ["actual"] = actual }
            : new Dictionary<string, object> { ["kind"] = "enrichment_correction", ["predicted"] = predicted, ["actual"] = actual, ["fields"] = fields });

    /// <summary>A conversion row as <c>LeadManagementRows.InsertConversionFeedbackAsync</c> writes it.</summary>
    public Task<Guid> ConvertAsync(Guid clientId, Guid leadId, string model, DateTimeOffset at) =>
        InsertAsync(clientId, leadId, "lead_conversion", "positive", model, at, new { kind = "conversion", actual = new { converted = true } });

    public async Task<Guid> InsertAsync(
        Guid? clientId, Guid? leadId, string actionType, string outcome, string? model, DateTimeOffset at, object context, DateTimeOffset? expiresAt = null)
    {
        var id = Guid.NewGuid();
        await ScalarAsync(
            """
            INSERT INTO feedback_tracking (id, client_id, lead_id, action_type, outcome, model_name, context_data, created_at, updated_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, coalesce($9, $8 + interval '1 year'))
            """,
            id, Nullable(clientId), Nullable(leadId), actionType, outcome, model ?? (object)DBNull.Value,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(context) }, at,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)expiresAt ?? DBNull.Value });
        return id;
    }

    private static NpgsqlParameter Nullable(Guid? value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)value ?? DBNull.Value };
}
