namespace Avenir.Contracts.Leads;

/// <summary>
/// The enrichment labels (the CHECK constraints of <c>lead_memory</c>) and their EN/FR names (as in
/// <c>intent_translations</c>): the one list every layer uses.
/// </summary>
public static class LeadLabels
{
    public const string HighUrgency = "High";

    public static readonly IReadOnlyList<string> Urgencies = ["High", "Medium", "Low"];

    public static readonly IReadOnlyList<string> Tones = ["Professional", "Friendly", "Formal", "Casual", "Frustrated", "Enthusiastic"];

    /// <summary>Intent label → (English name, French name).</summary>
    public static readonly IReadOnlyDictionary<string, (string En, string Fr)> Intents = new Dictionary<string, (string, string)>
    {
        ["demo_request"] = ("Demo request", "Demande de démonstration"),
        ["pricing_quote"] = ("Pricing or quote request", "Demande de prix ou de soumission"),
        ["service_inquiry"] = ("Service inquiry", "Demande de service"),
        ["appointment_booking"] = ("Appointment booking", "Prise de rendez-vous"),
        ["b2b_partnership"] = ("B2B partnership", "Partenariat d’affaires"),
        ["support_request"] = ("Support request", "Demande de soutien"),
        ["complaint"] = ("Complaint", "Plainte"),
        ["job_application"] = ("Job application", "Demande d’emploi"),
        ["media_inquiry"] = ("Media inquiry", "Demande médiatique"),
        ["general_inquiry"] = ("General inquiry", "Demande de renseignements"),
        ["vendor_pitch"] = ("Vendor pitch", "Sollicitation commerciale"),
        ["spam"] = ("Spam", "Pourriel"),
    };

    /// <summary>The canonical label for <paramref name="value"/> (case-insensitive), or null when it is not one.</summary>
    public static string? Intent(string value) => Canonical(Intents.Keys, value);

    public static string? Urgency(string value) => Canonical(Urgencies, value);

    public static string? Tone(string value) => Canonical(Tones, value);

    private static string? Canonical(IEnumerable<string> labels, string value) =>
        labels.FirstOrDefault(label => string.Equals(label, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
