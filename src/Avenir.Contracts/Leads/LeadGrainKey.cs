namespace Avenir.Contracts.Leads;

/// <summary>Addresses a lead grain by lead id and owning client.</summary>
public static class LeadGrainKey
{
    public static ILeadGrain GetLeadGrain(this IGrainFactory grains, Guid clientId, Guid leadId) =>
        grains.GetGrain<ILeadGrain>(leadId, clientId.ToString("N"));

    /// <summary>The owning client id a lead grain was addressed with.</summary>
    public static Guid ClientIdOf(IGrainBase grain)
    {
        grain.GrainContext.GrainId.GetGuidKey(out var extension);
        return Guid.ParseExact(extension ?? throw new InvalidOperationException("A lead grain needs its client id as key extension."), "N");
    }
}
