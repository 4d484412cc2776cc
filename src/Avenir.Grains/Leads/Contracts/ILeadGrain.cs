namespace Avenir.Grains.Leads.Contracts;

/// <summary>
/// One lead: the single writer of its <c>lead_memory</c> row and of the rows that hang off it.
/// Key: the lead id, with the owning client id as the key extension, so a grain reference always
/// carries its tenant and every statement it runs is confined to that tenant by row-level security.
/// Use <see cref="LeadGrainKey"/> to address it.
/// </summary>
[Alias("Avenir.Grains.Leads.ILeadGrain")]
public interface ILeadGrain : IGrainWithGuidCompoundKey
{
    /// <summary>
    /// Stores the lead with its "created" action in one transaction. Idempotent: creating a lead that
    /// already exists returns the stored lead unchanged.
    /// </summary>
    [Alias("Create")]
    Task<LeadSnapshot> CreateAsync(LeadSubmission submission);

    /// <summary>The lead, or <c>null</c> when this client has no lead with this id.</summary>
    [Alias("Get")]
    Task<LeadSnapshot?> GetAsync();
}
