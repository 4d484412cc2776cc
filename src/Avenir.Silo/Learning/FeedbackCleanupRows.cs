namespace Avenir.Silo.Learning;

/// <summary>The statements of <see cref="FeedbackCleanupJobHandler"/>, as system.</summary>
internal static class FeedbackCleanupRows
{
    /// <summary>
    /// Deletes up to <paramref name="batch"/> rows of one client (null: the agency-wide rows) whose <c>expires_at</c> has
    /// passed; returns how many. Equality (not IS NOT DISTINCT FROM) so the (client_id, expires_at) index serves both forms.
    /// </summary>
    public static Task<int> DeleteExpiredAsync(
        TenantTransaction transaction, Guid? clientId, DateTimeOffset now, int batch, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            clientId is null
                ? "DELETE FROM feedback_tracking WHERE id IN (SELECT id FROM feedback_tracking WHERE client_id IS NULL AND expires_at <= @now LIMIT @batch)"
                : "DELETE FROM feedback_tracking WHERE id IN "
                  + "(SELECT id FROM feedback_tracking WHERE client_id = @clientId AND expires_at <= @now LIMIT @batch)",
            new { clientId, now, batch }, cancellationToken);
}
