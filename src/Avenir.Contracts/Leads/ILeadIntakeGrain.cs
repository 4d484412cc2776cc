namespace Avenir.Contracts.Leads;

/// <summary>
/// Lead intake for one client: what <c>POST /api/lead</c> calls. Key: the client id, so the reference
/// carries its tenant and every statement it runs is confined to that tenant by row-level security.
/// A stateless worker, local to the silo that receives the call: concurrent submissions of the client on
/// that silo are committed together in one transaction (group commit, decision 0007), each caller
/// answered only once that transaction committed. The new lead's <see cref="ILeadGrain"/> owns the
/// row from then on.
/// </summary>
[Alias("Avenir.Grains.Leads.ILeadIntakeGrain")]
public interface ILeadIntakeGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Stores a new lead (a fresh id) in one transaction with its "created" action, its <c>integration_logs</c>
    /// row and its enrichment and auto-reply jobs — or recognises it as a replay (same idempotency key and
    /// body), a reused key with another body, or a duplicate of a recent lead; exactly as
    /// <see cref="ILeadGrain.SubmitAsync"/> does.
    /// </summary>
    [Alias("Submit")]
    Task<LeadIntakeResult> SubmitAsync(LeadIntake intake);
}
