namespace Avenir.Api.Leads;

/// <summary>
/// A field people never see (hidden by the snippet's CSS) but form-filling bots do fill. A post that fills
/// it gets the same answer as a real lead, so the bot learns nothing, and nothing is stored.
/// </summary>
public static class IntakeHoneypot
{
    public const string FieldName = "_honeypot";

    /// <summary>The name several hosted form services use; accepted too so existing forms keep their trap.</summary>
    public const string AlternateFieldName = "_gotcha";

    public static bool IsTripped(LeadForm form) =>
        !string.IsNullOrWhiteSpace(form[FieldName]) || !string.IsNullOrWhiteSpace(form[AlternateFieldName]);
}
