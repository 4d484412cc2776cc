namespace Avenir.Silo.Intelligence;

/// <summary>
/// A lead as a contact form sends it. Only <paramref name="Message"/> is required; the other
/// fields are optional signals (an unknown sender domain or a missing name says something about spam).
/// </summary>
/// <param name="Message">The free-text message of the visitor.</param>
/// <param name="Name">The name typed in the form.</param>
/// <param name="Email">The e-mail address typed in the form.</param>
/// <param name="Company">The company typed in the form.</param>
/// <param name="Phone">The phone number typed in the form.</param>
/// <param name="DeclaredLanguage">The page or form language ("en" or "fr"), used only when the text itself cannot tell.</param>
public sealed record LeadEnrichmentRequest(
    string Message,
    string? Name = null,
    string? Email = null,
    string? Company = null,
    string? Phone = null,
    string? DeclaredLanguage = null)
{
    /// <summary>The lead's client, when known: recorded with LLM executions (prompt_performance.client_id).</summary>
    public Guid? ClientId { get; init; }

    /// <summary>The lead, when known: keeps a lead on one prompt variant (A/B tests).</summary>
    public Guid? LeadId { get; init; }
}
