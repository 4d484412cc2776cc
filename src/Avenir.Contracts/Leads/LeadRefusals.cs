namespace Avenir.Contracts.Leads;

/// <summary>
/// Why a lead command was refused (<see cref="LeadCommandResult.Refusal"/>): the grain decides, the API answers the
/// code as a 409 or 400 problem, the web UI explains it.
/// </summary>
public static class LeadRefusals
{
    /// <summary>A deleted lead is read-only until restored (or reactivated).</summary>
    public const string LeadDeleted = "lead_deleted";

    /// <summary>Reverting a conversion of a lead that is not converted.</summary>
    public const string NotConverted = "not_converted";

    /// <summary>Correcting the labels of a lead that has none yet.</summary>
    public const string NotEnriched = "not_enriched";

    /// <summary>A corrected label that is not one of <see cref="LeadLabels"/>.</summary>
    public const string InvalidLabel = "invalid_label";

    public static readonly IReadOnlyList<string> All = [LeadDeleted, NotConverted, NotEnriched, InvalidLabel];
}
