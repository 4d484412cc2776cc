using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>The <c>lead_memory</c> and <c>lead_actions</c> statements the lead's grain runs inside its tenant transaction.</summary>
internal static class LeadRows
{
    private const string Columns = """
        id, client_id, name, email, message, phone, company, language, intent, tone, urgency,
        confidence_score, ai_summary, current_tag, archived, deleted, created_at
        """;

    public static async Task<LeadSnapshot?> FindAsync(TenantTransaction transaction, Guid leadId)
    {
        await using var command = transaction.Command($"SELECT {Columns} FROM lead_memory WHERE id = $1", leadId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>Inserts the lead unless it exists; returns null when it already did (the caller re-reads it).</summary>
    public static async Task<LeadSnapshot?> InsertAsync(TenantTransaction transaction, Guid leadId, Guid clientId, LeadSubmission lead, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            $"""
            INSERT INTO lead_memory (id, client_id, name, email, message, phone, company, language, metadata, dedupe_hash, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            ON CONFLICT (id) DO NOTHING
            RETURNING {Columns}
            """,
            leadId, clientId, lead.Name, lead.Email, lead.Message, lead.Phone, lead.Company, lead.Language,
            Jsonb(lead.Metadata), LeadFingerprint.Of(lead), at);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public static async Task InsertActionAsync(TenantTransaction transaction, Guid leadId, Guid clientId, string action, string performedBy, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            "INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, \"timestamp\") VALUES ($1, $2, $3, $4, $5)",
            leadId, clientId, action, performedBy, at);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Jsonb(object value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value) };

    private static LeadSnapshot Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        ClientId = reader.GetGuid(1),
        Name = reader.IsDBNull(2) ? "" : reader.GetString(2),
        Email = reader.GetString(3),
        Message = reader.GetString(4),
        Phone = NullableString(reader, 5),
        Company = NullableString(reader, 6),
        Language = NullableString(reader, 7),
        Intent = NullableString(reader, 8),
        Tone = NullableString(reader, 9),
        Urgency = NullableString(reader, 10),
        Confidence = reader.IsDBNull(11) ? null : Convert.ToDouble(reader.GetValue(11), System.Globalization.CultureInfo.InvariantCulture),
        Summary = NullableString(reader, 12),
        CurrentTag = NullableString(reader, 13),
        Archived = reader.GetBoolean(14),
        Deleted = reader.GetBoolean(15),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(16),
    };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
