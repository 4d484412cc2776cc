using Orleans.Concurrency;

namespace Avenir.Grains.Leads;

/// <summary>
/// A client's door to intake on the silo that takes the call (the API's gateway): it stamps the submission with its
/// client (the grain's key, so the tenant comes from the reference, never from the message), its new lead id and
/// its arrival time, and hands it to the silo's <see cref="LeadIntakeQueue"/>, which commits the submissions of
/// every client together (decisions 0007, 0014). Reentrant: it only queues and awaits; no grain is activated per lead
/// (the new lead's <c>LeadGrain</c> owns the row from then on).
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class LeadIntakeGrain(LeadIntakeQueue queue, TimeProvider time) : Grain, ILeadIntakeGrain
{
    public Task<LeadIntakeResult> SubmitAsync(LeadIntake intake) =>
        queue.SubmitAsync(new PendingLead(this.GetPrimaryKey(), Guid.CreateVersion7(), intake, time.GetUtcNow()));
}
