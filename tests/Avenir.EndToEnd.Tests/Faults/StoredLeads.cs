using Npgsql;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>One stored lead of the run with what followed from it: its "created" action, its jobs, its enrichment and reply.</summary>
public sealed record StoredLead(
    string Email, Guid Id, string? AutoReplyStatus, string? EnrichmentStatus, bool HasIntent, int Tones, long CreatedActions, long Jobs, long CompletedJobs,
    long FailedJobs);

/// <summary>Reads the run's leads from PostgreSQL as its owner (row-level security does not hide other tenants from it).</summary>
public static class StoredLeads
{
    private const string Query =
        """
        WITH jobs AS (
            SELECT (payload->>'leadId')::uuid AS lead_id, count(*) AS n,
                   count(*) FILTER (WHERE status = 'completed') AS completed, count(*) FILTER (WHERE status = 'failed') AS failed
              FROM queue_jobs WHERE payload ? 'leadId' GROUP BY 1
        ), created AS (
            SELECT lead_id, count(*) AS n FROM lead_actions WHERE action_type = 'created' GROUP BY 1
        )
        SELECT m.email, m.id, m.auto_reply_status, m.enrichment_status, m.intent IS NOT NULL, jsonb_array_length(m.tone_history),
               coalesce(c.n, 0), coalesce(j.n, 0), coalesce(j.completed, 0), coalesce(j.failed, 0)
          FROM lead_memory m
          LEFT JOIN jobs j ON j.lead_id = m.id
          LEFT JOIN created c ON c.lead_id = m.id
         WHERE m.email LIKE $1
        """;

    public static async Task<List<StoredLead>> ReadAsync(string connectionString, string emailPrefix, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Query, connection) { Parameters = { new() { Value = emailPrefix + "%" } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leads = new List<StoredLead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leads.Add(new StoredLead(
                reader.GetString(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetBoolean(4), reader.IsDBNull(5) ? 0 : reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8),
                reader.GetInt64(9)));
        }

        return leads;
    }
}
