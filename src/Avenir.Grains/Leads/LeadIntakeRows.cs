using System.Net;
using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>
/// The statements of lead intake: one transaction of two round trips for any number of submissions of any number
/// of clients (group commit, decisions 0007 and 0014). The lock, the searches and the insert each take every client's
/// submissions as arrays in one statement, each row read or written under its own client's tenant scope (set per row,
/// <see cref="ScopedClient"/>), so their cost is paid once per transaction, not once per client or lead.
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

    /// <summary>
    /// Sets the tenant scope for each row of a multi-client statement (decision 0014, second pass), in the expression that
    /// yields the row's client: <c>set_config</c> runs as the row is produced, just before PostgreSQL checks it against
    /// row-level security, which reads the setting again for every row (<c>avenir_current_client()</c> is STABLE, not
    /// cached). The scope ($2, from the group a lead was decided in) and the client (from the lead) are separate inputs:
    /// a row whose client is not its scope is refused (42501), as when a statement ran under another client's scope.
    /// Were the rows all produced before any is checked, each would be checked under another row's scope and refused:
    /// it fails closed.
    /// </summary>
    private const string ScopedClient = "CASE WHEN set_config('avenir.client_id', scope, true) IS NOT NULL THEN client_id END";

    /// <summary>
    /// For each idempotency key $3 of client $1, the lead stored under it, each searched under its own scope $2 (set on
    /// the input row before the lateral search reads; RLS filters every row read by the scope in force then). <c>seen</c>
    /// is the scope the row was read under, checked by the caller: a search read under another scope would miss its lead.
    /// </summary>
    private const string SameKeys =
        """
        SELECT f.ord, d.id, d.created_at, d.request_hash, avenir_current_client() AS seen
          FROM (SELECT ord, client_id, key, set_config('avenir.client_id', scope, true) AS scoped
                  FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS u (client_id, scope, key, ord)) AS f
          LEFT JOIN LATERAL (
               SELECT id, created_at, request_hash FROM lead_memory WHERE client_id = f.client_id AND idempotency_key = f.key) AS d ON true
        """;

    /// <summary>
    /// For each fingerprint $3 of client $1, the most recent not deleted lead with it received after $4, searched under its
    /// own scope $2 as in <see cref="SameKeys"/>.
    /// </summary>
    private const string SameContents =
        """
        SELECT f.ord, d.id, d.created_at, avenir_current_client() AS seen
          FROM (SELECT ord, client_id, fingerprint, since, set_config('avenir.client_id', scope, true) AS scoped
                  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS u (client_id, scope, fingerprint, since, ord)) AS f
          LEFT JOIN LATERAL (
               SELECT id, created_at
                 FROM lead_memory
                WHERE client_id = f.client_id AND dedupe_hash = f.fingerprint AND created_at > f.since AND NOT deleted
                ORDER BY created_at DESC
                LIMIT 1) AS d ON true
        """;

    /// <summary>
    /// The new leads of every client of the transaction ($1 clients, $2 their scopes) with their "created" actions ($25),
    /// request logs and two follow-up jobs each, in one statement, every row under its own client's scope
    /// (<see cref="ScopedClient"/>): the arrays are read once, and the foreign keys are checked at the end of the
    /// statement, when the lead rows exist. The job rows are what <see cref="JobRows.EnqueueAsync"/> writes (pending,
    /// no attempts, the payload <c>{"clientId", "leadId"}</c> that the <c>tenant_enqueue</c> policy checks), inlined
    /// here because a data-modifying CTE cannot call it.
    /// </summary>
    private const string InsertLeads =
        $$"""
        WITH input AS (
            SELECT *
              FROM unnest($1::uuid[], $2::text[],
                          $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                          $11::text[], $12::text[], $13::text[], $14::boolean[], $15::timestamptz[], $16::text[],
                          $17::text[], $18::text[], $19::text[], $20::inet[], $21::text[], $22::text[])
                AS t (client_id, scope, id, name, email, message, phone, company, language, metadata,
                      dedupe_hash, idempotency_key, request_hash, is_test, received_at, source,
                      api_key, auth_method, endpoint, ip_address, user_agent, origin)
        ), lead AS (
            INSERT INTO lead_memory (id, client_id, name, email, message, phone, company, language, metadata, dedupe_hash,
                                     idempotency_key, request_hash, is_test, created_at, updated_at)
            SELECT id, {{ScopedClient}}, name, email, message, phone, company, language, metadata, dedupe_hash,
                   idempotency_key, request_hash, is_test, received_at, received_at
              FROM input
        ), created_action AS (
            INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, "timestamp", is_test)
            SELECT id, {{ScopedClient}}, $25, source, received_at, is_test FROM input
        ), request_log AS (
            INSERT INTO integration_logs (client_id, lead_id, api_key, auth_method, endpoint, method, response_status, ip_address, user_agent, origin,
                                          created_at)
            SELECT {{ScopedClient}}, id, api_key, auth_method, endpoint, 'POST', 201, ip_address, user_agent, origin, received_at FROM input
        )
        INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, created_at, updated_at)
        SELECT job.job_type, jsonb_build_object('clientId', {{ScopedClient}}, 'leadId', input.id), input.id::text,
               input.received_at, input.received_at, input.received_at
          FROM input, (VALUES ($23), ($24)) AS job (job_type)
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
    /// client's tenant scope). The locks of every client are taken in one statement in one global order; then one search
    /// by key (only when some submission has one) and one by content take every client's values, each value searched
    /// under its own client's scope (<see cref="SameKeys"/>, <see cref="SameContents"/>), so row-level security shows each
    /// search its own client's leads only. The locks make concurrent identical submissions, or
    /// concurrent uses of one key, on any silo wait for each other's commit, so a double-click stores one lead;
    /// different submissions never wait. The searches come after the lock statement, so their snapshot is taken
    /// once the locks are held. Returns one pair of look-ups per group, in the groups' order; throws when a value was
    /// read under another scope than its client's (the group then fails and its leads are retried one by one).
    /// </summary>
    public static async Task<IReadOnlyList<(Dictionary<string, Earlier> ByKey, Dictionary<string, Earlier> ByContent)>> LockAndFindEarlierAsync(
        TenantPipeline transaction, IReadOnlyList<ClientGroup> groups)
    {
        var searches = groups.Select(group => Search.Of(group)).ToArray();
        var keys = searches.SelectMany((s, g) => s.Keys.Select(k => (Group: g, s.ClientId, k.Client, Value: k.Key))).ToArray();
        var contents = searches.SelectMany((s, g) => s.Contents.Select(c => (Group: g, s.ClientId, c.Client, c.Fingerprint, c.Since))).ToArray();

        // Not prepared: the searches are planned for their actual values each time, so a generic plan chosen
        // while the table was nearly empty can never stick to a pooled connection. (The write batch is
        // prepared: its insert is the longest statement to parse and has one sensible plan.)
        await using var batch = transaction.Batch();
        batch.Add(Lock, Sql.Array(NpgsqlDbType.Text, searches.SelectMany(s => s.Locks).ToArray()));
        // Without idempotency keys only the content can match, and the key search is not sent at all.
        if (keys.Length > 0)
        {
            batch.Add(SameKeys, Sql.Array(NpgsqlDbType.Uuid, keys.Select(k => k.Client).ToArray()),
                Sql.Array(NpgsqlDbType.Text, keys.Select(k => k.ClientId.ToString()).ToArray()),
                Sql.Array(NpgsqlDbType.Text, keys.Select(k => k.Value).ToArray()));
        }

        batch.Add(SameContents, Sql.Array(NpgsqlDbType.Uuid, contents.Select(c => c.Client).ToArray()),
            Sql.Array(NpgsqlDbType.Text, contents.Select(c => c.ClientId.ToString()).ToArray()),
            Sql.Array(NpgsqlDbType.Text, contents.Select(c => c.Fingerprint).ToArray()),
            Sql.Array(NpgsqlDbType.TimestampTz, contents.Select(c => c.Since.UtcDateTime).ToArray()));
        transaction.ScopeSetPerRow();

        var found = searches.Select(_ => (ByKey: new Dictionary<string, Earlier>(StringComparer.Ordinal),
            ByContent: new Dictionary<string, Earlier>(StringComparer.Ordinal))).ToArray();
        await using var reader = await batch.ExecuteReaderAsync(); // on the locks' result set
        if (keys.Length > 0)
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var key = keys[reader.GetInt64(0) - 1];
                ReadUnder(reader, seenAt: 4, key.Client);
                if (!reader.IsDBNull(1))
                {
                    found[key.Group].ByKey[key.Value] = new Earlier(
                        reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3), ByIdempotencyKey: true);
                }
            }
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            var content = contents[reader.GetInt64(0) - 1];
            ReadUnder(reader, seenAt: 3, content.Client);
            if (!reader.IsDBNull(1))
            {
                found[content.Group].ByContent[content.Fingerprint] = new Earlier(
                    reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), RequestHash: null, ByIdempotencyKey: false);
            }
        }

        return found;
    }

    /// <summary>
    /// Writes what each client's plan decided and commits, in the transaction's second round trip: every client's new
    /// leads in one statement, each row under its own client's scope (<see cref="InsertLeads"/>); the duplicate merges,
    /// which few transactions have, per client under that client's scope (<see cref="TenantPipeline.ScopeTo"/>).
    /// Prepared: the insert is the longest statement to parse and has only one sensible plan.
    /// </summary>
    public static async Task WriteAndCommitAsync(TenantPipeline transaction, IReadOnlyList<(Guid ClientId, LeadIntakePlan Plan)> plans)
    {
        await using var batch = transaction.Batch().Prepared();
        foreach (var (clientId, plan) in plans.Where(p => p.Plan.Merged.Count > 0))
        {
            transaction.ScopeTo(batch, clientId);
            var counts = plan.Merged.GroupBy(m => m.LeadId).ToArray();
            batch.Add(CountDuplicates, clientId, Sql.Array(NpgsqlDbType.Uuid, counts.Select(g => g.Key).ToArray()),
                Sql.Array(NpgsqlDbType.Integer, counts.Select(g => g.Count()).ToArray()),
                Sql.Array(NpgsqlDbType.TimestampTz, counts.Select(g => g.Max(m => m.At).UtcDateTime).ToArray()));
            batch.Add(LogDuplicates, clientId, Sql.Array(NpgsqlDbType.Uuid, plan.Merged.Select(m => m.LeadId).ToArray()),
                Sql.Array(NpgsqlDbType.TimestampTz, plan.Merged.Select(m => m.At.UtcDateTime).ToArray()), Sql.Text(LeadActionTypes.DuplicateMerged));
        }

        // Each new lead's scope is the client whose plan created it; its rows' client is the lead's own.
        var created = plans.SelectMany(p => p.Plan.Created.Select(lead => (Scope: p.ClientId, Lead: lead))).ToArray();
        if (created.Length > 0)
        {
            AddInsertLeads(batch, created);
            transaction.ScopeSetPerRow();
        }

        await transaction.CommitWithAsync(batch);
    }

    /// <summary>
    /// Fails the search when a value was read under another scope than its client's (<c>seen</c>): its lead, if any, was
    /// hidden from it. It never happens while PostgreSQL sets each input row's scope before its lateral search reads.
    /// </summary>
    private static void ReadUnder(NpgsqlDataReader reader, int seenAt, Guid client)
    {
        if (reader.IsDBNull(seenAt) || reader.GetGuid(seenAt) != client)
        {
            throw new InvalidOperationException($"An intake search for client {client} ran under another tenant scope.");
        }
    }

    /// <summary>What one client's group locks and looks up; each value with the client of the submissions carrying it.</summary>
    private sealed record Search(
        Guid ClientId, (Guid Client, string Key)[] Keys, (Guid Client, string Fingerprint, DateTimeOffset Since)[] Contents, string[] Locks)
    {
        public static Search Of(ClientGroup group)
        {
            var client = group.ClientId.ToString();
            var keys = group.Leads.Where(l => l.Intake.IdempotencyKey is not null).GroupBy(l => l.Intake.IdempotencyKey!, StringComparer.Ordinal)
                .Select(g => (Client: g.First().ClientId, Key: g.Key))
                .ToArray();
            // For each fingerprint, the widest window of the submissions carrying it (each is checked against its own after).
            var contents = group.Leads.GroupBy(l => l.Fingerprint, StringComparer.Ordinal)
                .Select(g => (Client: g.First().ClientId, Fingerprint: g.Key, Since: g.Min(l => l.DuplicateSince)))
                .ToArray();
            var locks = contents.Select(c => client + c.Fingerprint).Concat(keys.Select(k => client + "\nidempotency-key\n" + k.Key)).ToArray();
            return new Search(group.ClientId, keys, contents, locks);
        }
    }

    private static void AddInsertLeads(TenantBatch batch, (Guid Scope, PendingLead Lead)[] created)
    {
        var leads = created.Select(c => c.Lead).ToArray();
        string?[] Texts(Func<PendingLead, string?> value) => leads.Select(value).ToArray();
        batch.Add(InsertLeads,
            Sql.Array(NpgsqlDbType.Uuid, leads.Select(l => l.ClientId).ToArray()),
            Sql.Array(NpgsqlDbType.Text, created.Select(c => c.Scope.ToString()).ToArray()),
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
