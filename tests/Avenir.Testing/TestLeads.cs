using System.Security.Cryptography;
using System.Text;
using Avenir.Contracts.Leads;

namespace Avenir.Testing;

/// <summary>
/// Leads arranged the way production creates them: submitted to the client's intake grain (which commits the lead,
/// its "created" action, its request log and its two jobs, then tells the client's grain). Duplicate merging is off,
/// so a test may submit the same content twice and get two leads.
/// </summary>
public static class TestLeads
{
    public static LeadSubmission Submission(string message = "Bonjour, je voudrais un rendez-vous.", string name = "Julie Roy",
        string? email = null, string? company = null, string? language = null) => new()
        {
            Name = name,
            Email = email ?? $"lead-{Guid.NewGuid():N}@example.ca",
            Message = message,
            Company = company,
            Language = language,
        };

    /// <summary>Submits <paramref name="lead"/> through intake; returns the new lead's id.</summary>
    public static async Task<Guid> SubmitAsync(IGrainFactory grains, Guid clientId, LeadSubmission lead)
    {
        var result = await grains.GetGrain<ILeadIntakeGrain>(clientId).SubmitAsync(new LeadIntake
        {
            Lead = lead,
            RequestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()))),
            DuplicateWindow = TimeSpan.Zero,
            Request = new IntakeRequestLog { MaskedKey = "avk_test****", AuthMethod = "api_key", Endpoint = "/api/lead" },
        });
        return result.Outcome == LeadIntakeOutcome.Created
            ? result.LeadId
            : throw new InvalidOperationException($"Intake answered {result.Outcome} for a lead submitted by a test.");
    }

    /// <summary>Submits a lead with <paramref name="message"/> (a unique sender); returns its id.</summary>
    public static Task<Guid> SubmitAsync(IGrainFactory grains, Guid clientId, string message = "Bonjour, je voudrais un rendez-vous.") =>
        SubmitAsync(grains, clientId, Submission(message));
}
