using System.Net;
using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>
/// The statements of lead intake: one transaction of two round trips for any number of submissions of any number
/// of clients (group commit, decisions 0007 and 0014). Each client's statements take its whole group as arrays and
/// run under its own tenant scope, so their cost is paid once per client and transaction, not once per lead; the
/// locks, the round trips and the commit once per transaction.
/// </summary>
internal static class LeadIntakeRows
{
    /// <summary>
    /// Transaction-scoped advisory locks on the given names, taken in one statement and in one global order
    /// (sorted by key), so two transactions locking overlapping sets never wait on each other in a cycle.
    /// </summary>
    private const string Lock =
        """
        SELECT pg_advisory_xact_lock(k)
          FROM (SELECT DISTINCT hashtextextended(name, 0) AS k FROM unnest($1::text[]) AS name ORDER BY 1 OFFSET 0) AS locks
        """;

    /// <summary>The leads stored under the idempotency keys $2.</summary>
    private const string SameKey =
        """
        SELECT idempotency_key, id, created_at, request_hash
          FROM lead_memory
         WHERE client_id = $1 AND idempotency_key = ANY($2::text[])
        """;

    /// <summary>For each fingerprint $2, the most recent not deleted lead with it, received after $3.</summary>
    private const string SameContent =
        """
        SELECT f.fingerprint, d.id, d.created_at
          FROM unnest($2::text[], $3::timestamptz[]) AS f (fingerprint, since)
         CROSS JOIN LATERAL (
               SELECT id, created_at
                 FROM lead_memory
                WHERE client_id = $1 AND dedupe_hash = f.fingerprint AND created_at > f.since AND NOT deleted
                ORDER BY created_at DESC
                LIMIT 1) AS d
        """;

    /// <summary>
    /// The new leads with their "created" actions ($24), request logs and two follow-up jobs each, in one statement:
    /// the arrays are read once, and the foreign keys are checked at the end of the statement, when the lead
    /// rows exist. The job rows are what <see cref="JobRows.EnqueueAsync"/> writes (pending, no attempts, the
    /// payload <c>{"clientId", "leadId"}</c> that the <c>tenant_enqueue</c> policy checks), inlined here
    /// because a data-modifying CTE cannot call it.
    /// </summary>
    private const string InsertLeads =
        """
        WITH input AS (
            SELECT *
              FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[],
                          $10::text[], $11::text[], $12::text[], $13::boolean[], $14::timestamptz[], $15::text[],
                          $16::text[], $17::text[], $18::text[], $19::inet[], $20::text[], $21::text[])
                AS t (id, name, email, message, phone, company, language, metadata,
                      dedupe_hash, idempotency_key, request_hash, is_test, received_at, source,
                      api_key, auth_method, endpoint, ip_address, user_agent, origin)
        ), lead AS (
            INSERT INTO lead_memory (id, client_id, name, email, message, phone, company, language, metadata, dedupe_hash,
                                     idempotency_key, request_hash, is_test, created_at, updated_at)
            SELECT id, $1, name, email, message, phone, company, language, metadata, dedupe_hash,
                   idempotency_key, request_hash, is_test, received_at, received_at
              FROM input
        ), created_action AS (
            INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, "timestamp", is_test)
            SELECT id, $1, $24, source, received_at, is_test FROM input
        ), request_log AS (
            INSERT INTO integration_logs (client_id, lead_id, api_key, auth_method, endpoint, method, response_status, ip_address, user_agent, origin,
                                          created_at)
            SELECT $1, id, api_key, auth_method, endpoint, 'POST', 201, ip_address, user_agent, origin, received_at FROM input
        )
        INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, created_at, updated_at)
        SELECT job.job_type, jsonb_build_object('clientId', $1, 'leadId', input.id), input.id::text, input.received_at, input.received_at, input.received_at
          FROM input, (VALUES ($22), ($23)) AS job (job_type)
        """;

    /// <summary>Counts merged duplicates on the earlier leads ($2 ids, $3 how many, $4 the latest).</summary>
    private const string CountDuplicates =
        """
        UPDATE lead_memory AS m
           SET duplicate_count = m.duplicate_count + d.n, last_duplicate_at = d.at, updated_at = d.at
          FROM unnest($2::uuid[], $3::int[], $4::timestamptz[]) AS d (id, n, at)
         WHERE m.client_id = $1 AND m.id = d.id
        """;

    /// <summary>One <see cref="LeadActionTypes.DuplicateMerged"/> action ($4) per merged submission.</summary>
    private const string LogDuplicates =
        """
        INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, "timestamp")
        SELECT d.id, $1, $4, 'intake', d.at FROM unnest($2::uuid[], $3::timestamptz[]) AS d (id, at)
        """;

    /// <summary>An earlier lead a submission answers to: by idempotency key, or as a recent identical submission.</summary>
    public sealed record Earlier(Guid LeadId, DateTimeOffset ReceivedAt, string? RequestHash, bool ByIdempotencyKey);

    /// <summary>One client's submissions of a transaction, in arrival order.</summary>
    public sealed record ClientGroup(Guid ClientId, IReadOnlyList<PendingLead> Leads);

    /// <summary>
    /// Locks the submissions' fingerprints and idempotency keys (per client), then finds the earlier leads
    /// that answer them, in the transaction's first round trip (it also carries <c>BEGIN</c> and the first
    /// client's tenant scope). The locks of every client are taken in one statement in one global order; then each
    /// client's searches run under that client's scope (<see cref="TenantPipeline.ScopeTo"/>), so row-level security
    /// shows each search its own client's leads only. The locks make concurrent identical submissions, or
    /// concurrent uses of one key, on any silo wait for each other's commit, so a double-click stores one lead;
    /// different submissions never wait. The searches come after the lock statement, so their snapshot is taken
    /// once the locks are held. Returns one pair of look-ups per group, in the groups' order.
    /// </summary>
    public static async Task<IReadOnlyList<(Dictionary<string, Earlier> ByKey, Dictionary<string, Earlier> ByContent)>> LockAndFindEarlierAsync(
        TenantPipeline transaction, IReadOnlyList<ClientGroup> groups)
    {
        var searches = groups.Select(group => Search.Of(group)).ToArray();

        // Not prepared: the searches are planned for their actual values each time, so a generic plan chosen
        // while the table was nearly empty can never stick to a pooled connection. (The write batch is
        // prepared: its insert is the longest statement to parse and has one sensible plan.)
        await using var batch = transaction.Batch();
        batch.Add(Lock, Sql.Array(NpgsqlDbType.Text, searches.SelectMany(s => s.Locks).ToArray()));
        var scoped = new bool[searches.Length];
        for (var i = 0; i < searches.Length; i++)
        {
            var search = searches[i];
            scoped[i] = transaction.ScopeTo(batch, search.ClientId);
            // Without idempotency keys only the content can match, and the key search is not sent at all.
            if (search.Keys.Length > 0)
            {
                batch.Add(SameKey, search.ClientId, Sql.Array(NpgsqlDbType.Text, search.Keys));
            }

            batch.Add(SameContent, search.ClientId, Sql.Array(NpgsqlDbType.Text, search.Contents.Select(c => c.Fingerprint).ToArray()),
                Sql.Array(NpgsqlDbType.TimestampTz, search.Contents.Select(c => c.Since.UtcDateTime).ToArray()));
        }

        var found = new List<(Dictionary<string, Earlier>, Dictionary<string, Earlier>)>(searches.Length);
        await using var reader = await batch.ExecuteReaderAsync(); // on the locks' result set
        for (var i = 0; i < searches.Length; i++)
        {
            if (scoped[i])
            {
                await reader.NextResultAsync(); // onto the scope statement's row
            }

            await reader.NextResultAsync(); // onto the client's first search
            var byKey = new Dictionary<string, Earlier>(StringComparer.Ordinal);
            var byContent = new Dictionary<string, Earlier>(StringComparer.Ordinal);
            if (searches[i].Keys.Length > 0)
            {
                while (await reader.ReadAsync())
                {
                    byKey[reader.GetString(0)] = new Earlier(
                        reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3), ByIdempotencyKey: true);
                }

                await reader.NextResultAsync();
            }

            while (await reader.ReadAsync())
            {
                byContent[reader.GetString(0)] = new Earlier(
                    reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), RequestHash: null, ByIdempotencyKey: false);
            }

            found.Add((byKey, byContent));
        }

        return found;
    }

    /// <summary>
    /// Writes what each client's plan decided, each client's statements under its own tenant scope, and commits, in
    /// the transaction's second round trip. The clients are written in the reverse order of their searches, so the
    /// first one is the client the transaction is already scoped to and needs no scope statement. Prepared: the
    /// insert is the longest statement to parse and has only one sensible plan.
    /// </summary>
    public static async Task WriteAndCommitAsync(TenantPipeline transaction, IReadOnlyList<(Guid ClientId, LeadIntakePlan Plan)> plans)
    {
        await using var batch = transaction.Batch().Prepared();
        foreach (var (clientId, plan) in plans.Reverse())
        {
            if (plan.WritesNothing)
            {
                continue;
            }

            transaction.ScopeTo(batch, clientId);
            if (plan.Created.Count > 0)
            {
                AddInsertLeads(batch, clientId, plan.Created);
            }

            if (plan.Merged.Count > 0)
            {
                var counts = plan.Merged.GroupBy(m => m.LeadId).ToArray();
                batch.Add(CountDuplicates, clientId, Sql.Array(NpgsqlDbType.Uuid, counts.Select(g => g.Key).ToArray()),
                    Sql.Array(NpgsqlDbType.Integer, counts.Select(g => g.Count()).ToArray()),
                    Sql.Array(NpgsqlDbType.TimestampTz, counts.Select(g => g.Max(m => m.At).UtcDateTime).ToArray()));
                batch.Add(LogDuplicates, clientId, Sql.Array(NpgsqlDbType.Uuid, plan.Merged.Select(m => m.LeadId).ToArray()),
                    Sql.Array(NpgsqlDbType.TimestampTz, plan.Merged.Select(m => m.At.UtcDateTime).ToArray()), Sql.Text(LeadActionTypes.DuplicateMerged));
            }
        }

        await transaction.CommitWithAsync(batch);
    }

    /// <summary>What one client's group locks and looks up.</summary>
    private sealed record Search(Guid ClientId, string[] Keys, (string Fingerprint, DateTimeOffset Since)[] Contents, string[] Locks)
    {
        public static Search Of(ClientGroup group)
        {
            var client = group.ClientId.ToString();
            var keys = group.Leads.Select(l => l.Intake.IdempotencyKey).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            // For each fingerprint, the widest window of the submissions carrying it (each is checked against its own after).
            var contents = group.Leads.GroupBy(l => l.Fingerprint, StringComparer.Ordinal)
                .Select(g => (Fingerprint: g.Key, Since: g.Min(l => l.DuplicateSince)))
                .ToArray();
            var locks = contents.Select(c => client + c.Fingerprint).Concat(keys.Select(k => client + "\nidempotency-key\n" + k)).ToArray();
            return new Search(group.ClientId, keys, contents, locks);
        }
    }

    private static void AddInsertLeads(TenantBatch batch, Guid clientId, IReadOnlyList<PendingLead> leads)
    {
        string?[] Texts(Func<PendingLead, string?> value) => leads.Select(value).ToArray();
        batch.Add(InsertLeads,
            clientId,
            Sql.Array(NpgsqlDbType.Uuid, leads.Select(l => l.LeadId).ToArray()),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Name)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Email)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Message)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Phone)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Company)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Language)),
            Sql.Array(NpgsqlDbType.Jsonb, Texts(l => LeadMetadataJson.Of(l.Intake.Lead.Metadata))),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Fingerprint)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.IdempotencyKey)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.RequestHash)),
            Sql.Array(NpgsqlDbType.Boolean, leads.Select(l => l.Intake.IsTest).ToArray()),
            Sql.Array(NpgsqlDbType.TimestampTz, leads.Select(l => l.ReceivedAt.UtcDateTime).ToArray()),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Lead.Source)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Request.MaskedKey)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Request.AuthMethod)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Request.Endpoint)),
            Sql.Array(NpgsqlDbType.Inet, leads.Select(l => IPAddress.TryParse(l.Intake.Request.IpAddress, out var ip) ? ip : null).ToArray()),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Request.UserAgent)),
            Sql.Array(NpgsqlDbType.Text, Texts(l => l.Intake.Request.Origin)),
            Sql.Text(JobTypes.LeadEnrichment),
            Sql.Text(JobTypes.LeadAutoReply),
            Sql.Text(LeadActionTypes.Created));
    }

}
