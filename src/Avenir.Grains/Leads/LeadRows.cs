namespace Avenir.Grains.Leads;

/// <summary>The <c>lead_memory</c> read the lead's grain runs for its snapshot, inside its tenant transaction.</summary>
internal static class LeadRows
{
    public static Task<LeadSnapshot?> FindAsync(TenantTransaction transaction, Guid clientId, Guid leadId) =>
        transaction.QuerySingleOrDefaultAsync<LeadSnapshot>(
            """
            SELECT id, client_id, coalesce(name, '') AS name, email, message, phone, company, language, intent, tone, urgency,
                   confidence_score AS confidence, ai_summary AS summary, current_tag, archived, deleted, created_at, detected_language
              FROM lead_memory
             WHERE client_id = @clientId AND id = @leadId
            """,
            new { clientId, leadId });
}
