using System.Net;
using System.Text.Json;
using Avenir.Grains.Database;
using Avenir.Grains.Jobs;
using Avenir.Grains.Leads.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>The statements of lead intake, run by the new lead's grain inside one tenant transaction of two round trips.</summary>
internal static class LeadIntakeRows
{
    /// <summary>As <see cref="JobRows"/> serialises job payloads (the <c>tenant_enqueue</c> policy reads <c>payload->>'clientId'</c>).</summary>
    private static readonly JsonSerializerOptions JobPayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>The most recent identical submission ($2 = fingerprint) within the duplicate window ($3).</summary>
    private const string SameContent =
        """
        SELECT id, created_at, NULL, false
          FROM lead_memory
         WHERE client_id = $1 AND dedupe_hash = $2 AND created_at > $3 AND NOT deleted
         ORDER BY created_at DESC
         LIMIT 1
        """;

    /// <summary>The lead stored under idempotency key $4, and the most recent identical submission.</summary>
    private const string SameKeyOrContent =
        """
        SELECT id, created_at, request_hash, true
          FROM lead_memory
         WHERE client_id = $1 AND idempotency_key = $4
        UNION ALL
        (SELECT id, created_at, NULL, false
           FROM lead_memory
          WHERE client_id = $1 AND dedupe_hash = $2 AND created_at > $3 AND NOT deleted
          ORDER BY created_at DESC
          LIMIT 1)
        """;

    /// <summary>An earlier lead this submission answers to: by idempotency key, or as a recent identical submission.</summary>
    public sealed record Earlier(Guid LeadId, DateTimeOffset ReceivedAt, string? RequestHash, bool ByIdempotencyKey);

    /// <summary>
    /// Serialises identical submissions of one client (a transaction-scoped advisory lock on the
    /// fingerprint), then finds an earlier lead that answers this one. The lock makes a double-click whose
    /// two requests arrive together store one lead, not two; different submissions never wait on each other.
    /// Being the transaction's first batch, it also carries its BEGIN and tenant scope: one round trip.
    /// The lock and the search are separate statements, so the search's snapshot is taken once the lock is held.
    /// </summary>
    public static async Task<Earlier?> FindEarlierAsync(TenantPipeline transaction, Guid clientId, string fingerprint, string? idempotencyKey, DateTimeOffset duplicateSince)
    {
        await using var batch = transaction.Batch();
        batch.Add("SELECT pg_advisory_xact_lock(hashtextextended($1::text || $2, 0))", clientId, fingerprint);
        // Without an idempotency key only the content can match. The key's branch is then left out, not
        // sent as "idempotency_key = NULL": under row-level security that branch is planned as a parallel
        // sequential scan whose workers start (and find nothing) on every lead.
        if (idempotencyKey is null)
        {
            batch.Add(SameContent, clientId, fingerprint, duplicateSince);
        }
        else
        {
            batch.Add(SameKeyOrContent, clientId, fingerprint, duplicateSince, idempotencyKey);
        }

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

    /// <summary>Counts a merged duplicate on the earlier lead, says so in its activity log, and commits: one round trip.</summary>
    public static async Task MergeDuplicateAndCommitAsync(TenantPipeline transaction, Guid clientId, Guid leadId, DateTimeOffset at)
    {
        await using var batch = transaction.Batch();
        batch.Add("UPDATE lead_memory SET duplicate_count = duplicate_count + 1, last_duplicate_at = $3, updated_at = $3 WHERE client_id = $1 AND id = $2",
            clientId, leadId, at);
        batch.Add("INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, \"timestamp\") VALUES ($2, $1, 'duplicate_merged', 'intake', $3)",
            clientId, leadId, at);
        await transaction.CommitWithAsync(batch);
    }

    /// <summary>
    /// Inserts the lead, its "created" action, its request log and its two follow-up jobs, and commits, in one
    /// round trip: one statement whose dependent inserts read the lead's <c>RETURNING</c>, so they happen
    /// exactly when the lead row does, then <c>COMMIT</c>. Returns false when the lead insert lost a race on
    /// the idempotency key (nothing was written; the empty transaction committed).
    /// </summary>
    /// <remarks>
    /// The job rows are what <see cref="JobRows.AddEnqueue"/> writes (pending, no attempts, the payload
    /// serialised the same way), inlined here because a data-modifying CTE cannot call it. Foreign keys are
    /// checked at the end of the statement, when the lead row exists.
    /// </remarks>
    public static async Task<bool> InsertAndCommitAsync(TenantPipeline transaction, Guid clientId, Guid leadId, LeadIntake intake, string fingerprint, DateTimeOffset at)
    {
        var lead = intake.Lead;
        var request = intake.Request;
        await using var batch = transaction.Batch();
        batch.Add(
            """
            WITH lead AS (
                INSERT INTO lead_memory (id, client_id, name, email, message, phone, company, language, metadata, dedupe_hash,
                                         idempotency_key, request_hash, is_test, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
                ON CONFLICT DO NOTHING
                RETURNING id, client_id
            ), created_action AS (
                INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, "timestamp", is_test)
                SELECT id, client_id, 'created', $15, $14, $13 FROM lead
            ), request_log AS (
                INSERT INTO integration_logs (client_id, lead_id, api_key, auth_method, endpoint, method, response_status, ip_address, user_agent, origin, created_at)
                SELECT client_id, id, $16, $17, $18, 'POST', 201, $19, $20, $21, $14 FROM lead
            ), jobs AS (
                INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, created_at, updated_at)
                SELECT job.job_type, $22, $23, $14, $14, $14 FROM lead, (VALUES ($24), ($25)) AS job (job_type)
            )
            SELECT count(*)::int FROM lead
            """,
            leadId, clientId, lead.Name, lead.Email, lead.Message, Text(lead.Phone), Text(lead.Company), Text(lead.Language),
            Jsonb(lead.Metadata), fingerprint, Text(intake.IdempotencyKey), intake.RequestHash, intake.IsTest, at,
            Text(lead.Source), Text(request.MaskedKey), Text(request.AuthMethod), Text(request.Endpoint),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Inet, Value = IPAddress.TryParse(request.IpAddress, out var ip) ? ip : DBNull.Value },
            Text(request.UserAgent), Text(request.Origin),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(new LeadJobPayload(clientId, leadId), JobPayloadJson) },
            leadId.ToString(), Text(JobTypes.LeadEnrichment), Text(JobTypes.LeadAutoReply));
        return await transaction.CommitWithAsync(batch) is 1;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Jsonb(object value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value) };
}
