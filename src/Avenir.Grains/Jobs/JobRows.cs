using System.Text.Json;
using Avenir.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Jobs;

/// <summary>
/// Enqueues jobs inside the caller's transaction (transactional outbox): the job exists exactly when the
/// change that asked for it is committed. A tenant transaction may enqueue only jobs whose payload names
/// its own client (policy <c>tenant_enqueue</c>, migration V14).
/// </summary>
public static class JobRows
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds a pending job. <paramref name="dedupeKey"/> is unique per job type: enqueueing the same job
    /// twice fails the transaction instead of doubling the work. (No <c>ON CONFLICT DO NOTHING</c>: under
    /// row-level security it needs read access to the existing row, which a tenant does not have.)
    /// </summary>
    public static async Task EnqueueAsync<TPayload>(TenantTransaction transaction, string jobType, TPayload payload, string dedupeKey, DateTimeOffset runAfter)
    {
        await using var batch = transaction.Batch();
        await AddEnqueue(batch, jobType, payload, dedupeKey, runAfter).ExecuteAsync();
    }

    /// <summary>Adds the enqueue statement to a batch, to be sent with the change that asked for the job.</summary>
    public static TenantBatch AddEnqueue<TPayload>(TenantBatch batch, string jobType, TPayload payload, string dedupeKey, DateTimeOffset runAfter) =>
        batch.Add(
            """
            INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $4, $4)
            """,
            jobType,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(payload, PayloadJson) },
            dedupeKey,
            runAfter);
}
