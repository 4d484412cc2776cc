namespace Avenir.Benchmarks;

/// <summary>The naive baseline's statements (<see cref="NaiveBaseline"/>): one row each, positional parameters.</summary>
internal static class BaselineRows
{
    /// <summary>The dashboard mode's backlog: $2 leads of client $1 spread over the last 90 days (as the database owner).</summary>
    public const string SeedLeads =
        """
        INSERT INTO lead_memory (id, client_id, name, email, message, language, intent, urgency, dedupe_hash, is_test, created_at, updated_at)
        SELECT gen_random_uuid(), $1, 'Seeded ' || n, 'seeded' || n || '@example.com', 'Seeded lead ' || n || ': a quote for office cleaning?',
               (ARRAY['en', 'fr'])[1 + n % 2], (ARRAY['pricing_quote', 'demo_request', 'support_request'])[1 + n % 3],
               (ARRAY['High', 'Medium', 'Low'])[1 + n % 3], md5(n::text || $1::text) || md5($1::text || n::text), true,
               now() - (n % 7776000) * interval '1 second', now()
          FROM generate_series(1, $2) AS n
        """;

    public const string ClientOfKey = "SELECT client_id FROM clients WHERE api_key_hash = $1";

    public const string Lead =
        """
        INSERT INTO lead_memory (id, client_id, name, email, message, metadata, dedupe_hash, is_test, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, '{}', $6, true, $7, $7)
        """;

    public const string CreatedAction =
        """INSERT INTO lead_actions (lead_id, client_id, action_type, performed_by, "timestamp", is_test) VALUES ($1, $2, 'created', 'api', $3, true)""";

    public const string RequestLog =
        """
        INSERT INTO integration_logs (client_id, lead_id, api_key, auth_method, endpoint, method, response_status, ip_address, user_agent, created_at)
        VALUES ($1, $2, $3, 'api_key', '/api/lead', 'POST', 201, $4, $5, $6)
        """;

    public const string Job =
        """
        INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, created_at, updated_at)
        VALUES ($1, jsonb_build_object('clientId', $2::uuid, 'leadId', $3::uuid), $3::text, $4, $4, $4)
        """;

    public static readonly string[] CleanUp =
    [
        "DELETE FROM queue_jobs WHERE dedupe_key = ANY($1::uuid[]::text[])",
        "DELETE FROM integration_logs WHERE lead_id = ANY($1)",
        "DELETE FROM lead_actions WHERE lead_id = ANY($1)",
        "DELETE FROM lead_memory WHERE id = ANY($1)",
    ];
}
