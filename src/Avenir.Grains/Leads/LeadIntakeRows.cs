using System.Net;
using System.Text.Json;
using Avenir.Grains.Database;
using Avenir.Grains.Jobs;
using Avenir.Grains.Leads.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>The statements of lead intake, run by the new lead's grain inside one tenant transaction.</summary>
internal static class LeadIntakeRows
{
    /// <summary>An earlier lead this submission answers to: by idempotency key, or as a recent identical submission.</summary>
    public sealed record Earlier(Guid LeadId, DateTimeOffset ReceivedAt, string? RequestHash, bool ByIdempotencyKey);

    /// <summary>
    /// Serialises identical submissions of one client (a transaction-scoped advisory lock on the
    /// fingerprint), then finds an earlier lead that answers this one. The lock makes a double-click whose
    /// two requests arrive together store one lead, not two; different submissions never wait on each other.
    /// </summary>
    public static async Task<Earlier?> FindEarlierAsync(TenantTransaction transaction, Guid clientId, string fingerprint, string? idempotencyKey, DateTimeOffset duplicateSince)
    {
        await using var batch = transaction.Batch();
        batch.Add("SELECT pg_advisory_xact_lock(hashtextextended($1::text || $2, 0))", clientId, fingerprint);
        batch.Add(
            """
            SELECT id, created_at, request_hash, true
              FROM lead_memory
             WHERE client_id = $1 AND idempotency_key = $3
            UNION ALL
            (SELECT id, created_at, NULL, false
               FROM lead_memory
              WHERE client_id = $1 AND dedupe_hash = $2 AND created_at > $4 AND NOT deleted
              ORDER BY created_at DESC
              LIMIT 1)
            """,
            clientId, fingerprint, Text(idempotencyKey), duplicateSince);
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.NextResultAsync(); // past the lock
        Earlier? found = null;
        while (await reader.ReadAsync())
        {
            var earlier = new Earlier(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
            if (earlier.ByIdempotencyKey)
            {
                return earlier; // the key decides before the content does
            }

            found ??= earlier;
        }

        return found;
    }

    /// <summary>Counts a merged duplicate on the earlier lead and says so in its activity log.</summary>
    public static async Task MergeDuplicateAsync(TenantTransaction transaction, Guid clientId, Guid leadId, DateTimeOffset at)
    {
        await using var batch = transaction.Batch();
        batch.Add("UPDATE lead_memory SET duplicate_count = duplicate_count + 1, last_duplicate_at = $3, updated_at = $3 WHERE client_id = $1 AND id = $2",
            clientId, leadId, at);
        batch.Add("INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, \"timestamp\") VALUES ($2, $1, 'duplicate_merged', 'intake', $3)",
            clientId, leadId, at);
        await batch.ExecuteAsync();
    }

    /// <summary>
    /// Inserts the lead, its "created" action, its request log and its two follow-up jobs in one round
    /// trip. Returns false when the insert lost a race on the idempotency key (nothing else was written).
    /// </summary>
    public static async Task<bool> InsertAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadIntake intake, DateTimeOffset at)
    {
        var lead = intake.Lead;
        await using (var insert = transaction.Command(
            """
            INSERT INTO lead_memory (id, client_id, name, email, message, phone, company, language, metadata, dedupe_hash,
                                     idempotency_key, request_hash, is_test, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
            ON CONFLICT DO NOTHING
            """,
            leadId, clientId, lead.Name, lead.Email, lead.Message, Text(lead.Phone), Text(lead.Company), Text(lead.Language),
            Jsonb(lead.Metadata), LeadFingerprint.Of(lead), Text(intake.IdempotencyKey), intake.RequestHash, intake.IsTest, at))
        {
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                return false;
            }
        }

        var request = intake.Request;
        await using var batch = transaction.Batch();
        batch.Add("INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, \"timestamp\", is_test) VALUES ($1, $2, 'created', $3, $4, $5)",
            leadId, clientId, lead.Source, at, intake.IsTest);
        batch.Add(
            """
            INSERT INTO integration_logs (client_id, lead_id, api_key, auth_method, endpoint, method, response_status, ip_address, user_agent, origin, created_at)
            VALUES ($1, $2, $3, $4, $5, 'POST', 201, $6, $7, $8, $9)
            """,
            clientId, leadId, request.MaskedKey, request.AuthMethod, request.Endpoint,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Inet, Value = IPAddress.TryParse(request.IpAddress, out var ip) ? ip : DBNull.Value },
            Text(request.UserAgent), Text(request.Origin), at);
        var payload = new LeadJobPayload(clientId, leadId);
        JobRows.AddEnqueue(batch, JobTypes.LeadEnrichment, payload, leadId.ToString(), at);
        JobRows.AddEnqueue(batch, JobTypes.LeadAutoReply, payload, leadId.ToString(), at);
        await batch.ExecuteAsync();
        return true;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Jsonb(object value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value) };
}
