namespace Avenir.Grains.Prospects;

/// <summary>How <see cref="ProspectJobsGrain"/> starts a form test: the prospect's do-not-contact flag and the pending row.</summary>
public static class ProspectFormTestRows
{
    /// <summary>The prospect's do-not-contact flag, or null when there is no such prospect.</summary>
    public static Task<bool?> DoNotContactAsync(TenantTransaction transaction, Guid prospectId) =>
        transaction.ExecuteScalarAsync<bool?>("SELECT do_not_contact FROM prospect_candidates WHERE id = @prospectId", new { prospectId });

    public static Task<Guid> CreatePendingAsync(TenantTransaction transaction, Guid prospectId, DateTimeOffset now) =>
        transaction.QuerySingleAsync<Guid>(
            """
            INSERT INTO prospect_form_tests (prospect_id, test_submitted_at, test_status, created_at, updated_at)
            VALUES (@prospectId, @now, 'pending', @now, @now)
            RETURNING id
            """,
            new { prospectId, now });
}
