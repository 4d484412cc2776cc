namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>Decides a field's <see cref="FormFieldRole"/> from its type and its words (name, id, label, placeholder, autocomplete).</summary>
internal static class FieldRoles
{
    private static readonly HashSet<string> EmailWords = new(StringComparer.Ordinal) { "email", "courriel", "mail", "courrier" };
    private static readonly HashSet<string> PhoneWords =
        new(StringComparer.Ordinal) { "phone", "tel", "telephone", "cellulaire", "cell", "mobile", "portable" };
    private static readonly HashSet<string> FirstNameWords = new(StringComparer.Ordinal) { "prenom", "firstname", "fname", "first", "given" };
    private static readonly HashSet<string> LastNameWords = new(StringComparer.Ordinal) { "lastname", "lname", "last", "surname", "family" };
    private static readonly HashSet<string> NameWords = new(StringComparer.Ordinal) { "name", "nom", "fullname", "nomcomplet" };
    private static readonly HashSet<string> MessageWords = new(StringComparer.Ordinal)
    {
        "message", "msg", "comment", "comments", "commentaire", "commentaires", "question", "questions", "demande", "details", "inquiry", "enquiry",
        "besoin", "besoins", "description", "body",
    };
    private static readonly HashSet<string> CompanyWords =
        new(StringComparer.Ordinal) { "company", "entreprise", "organisation", "organization", "societe", "business", "compagnie" };
    private static readonly HashSet<string> SubjectWords = new(StringComparer.Ordinal) { "subject", "sujet", "objet", "topic" };
    private static readonly HashSet<string> HoneypotWords = new(StringComparer.Ordinal) { "honeypot", "gotcha", "hp", "leaveblank", "botcheck", "trap" };

    public static FormFieldRole For(string type, List<string> words, bool hiddenByStyle)
    {
        if (hiddenByStyle || words.Any(HoneypotWords.Contains))
        {
            return FormFieldRole.Honeypot;
        }

        switch (type)
        {
            case "hidden":
                return FormFieldRole.Hidden;
            case "submit" or "button" or "image":
                return FormFieldRole.Submit;
            case "checkbox":
                return FormFieldRole.Checkbox;
            case "radio" or "select" or "select-one" or "select-multiple":
                return FormFieldRole.Choice;
            case "email":
                return FormFieldRole.Email;
            case "tel":
                return FormFieldRole.Phone;
            default:
                break;
        }

        if (words.Any(EmailWords.Contains))
        {
            return FormFieldRole.Email;
        }

        if (words.Any(PhoneWords.Contains))
        {
            return FormFieldRole.Phone;
        }

        // "nom de famille" is a last name; "nom" alone is a name. Checked before the generic name words.
        var flat = string.Join(' ', words);
        if (words.Any(LastNameWords.Contains)
            || flat.Contains("nom de famille", StringComparison.Ordinal)
            || flat.Contains("family name", StringComparison.Ordinal))
        {
            return FormFieldRole.LastName;
        }

        if (words.Any(FirstNameWords.Contains))
        {
            return FormFieldRole.FirstName;
        }

        if (words.Any(CompanyWords.Contains))
        {
            return FormFieldRole.Company;
        }

        if (words.Any(SubjectWords.Contains))
        {
            return FormFieldRole.Subject;
        }

        if (type == "textarea" || words.Any(MessageWords.Contains))
        {
            return FormFieldRole.Message;
        }

        return words.Any(NameWords.Contains) ? FormFieldRole.Name : FormFieldRole.Other;
    }
}
