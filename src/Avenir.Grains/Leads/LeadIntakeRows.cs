using System.Net;
using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>
/// The statements of lead intake: one transaction of two round trips for any number of submissions of any number
/// of clients (group commit, decisions 0007 and 0014). The locks and searches (<see cref="LeadIntakeSearchRows"/>) and
/// the insert each take every client's submissions as arrays in one statement, each row read or written under its own
/// client's tenant scope (set per row, <see cref="ScopedClient"/>), so their cost is paid once per transaction, not once
/// per client or lead.
/// </summary>
internal static class LeadIntakeRows
{
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
