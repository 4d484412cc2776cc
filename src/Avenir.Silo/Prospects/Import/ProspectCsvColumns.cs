using Avenir.Infrastructure.Text;

namespace Avenir.Silo.Prospects.Import;

/// <summary>The prospect fields a CSV column can fill.</summary>
public enum ProspectCsvField
{
    /// <summary>Business name.</summary>
    Name,

    /// <summary>Website (required: it is the identity).</summary>
    Website,

    /// <summary>Industry.</summary>
    Industry,

    /// <summary>Employees: a number or a range such as 11-50.</summary>
    Employees,

    /// <summary>City.</summary>
    City,

    /// <summary>Province or state.</summary>
    Region,

    /// <summary>Country.</summary>
    Country,

    /// <summary>Language (en/fr, English/Français…).</summary>
    Language,

    /// <summary>Description or notes.</summary>
    Description,

    /// <summary>Phone.</summary>
    Phone,

    /// <summary>Contact e-mail.</summary>
    Email,

    /// <summary>Contact person.</summary>
    ContactName,

    /// <summary>LinkedIn page.</summary>
    LinkedIn,

    /// <summary>The page the e-mail address was published on (CASL conspicuous publication; with <see cref="EmailSeenAt"/>).</summary>
    EmailSourceUrl,

    /// <summary>When the e-mail address was seen on <see cref="EmailSourceUrl"/>.</summary>
    EmailSeenAt,
}

/// <summary>
/// Recognises column headers in English and French, whatever their case, accents, spaces, hyphens or
/// underscores: <c>business_name</c>, <c>Entreprise</c>, <c>Site web</c>, <c>site_web</c>, <c>Courriel</c>…
/// </summary>
public static class ProspectCsvColumns
{
    private static readonly Dictionary<string, ProspectCsvField> Names = Build(new()
    {
        [ProspectCsvField.Name] =
        [
            "business_name", "business", "company", "company_name", "name", "entreprise", "nom_entreprise", "nom_de_l_entreprise", "nom", "raison_sociale",
            "societe", "commerce",
        ],
        [ProspectCsvField.Website] = ["website", "web_site", "site_web", "site", "site_internet", "url", "domain", "domaine", "adresse_web"],
        [ProspectCsvField.Industry] = ["industry", "sector", "secteur", "industrie", "secteur_activite", "secteur_d_activite", "domaine_activite"],
        [ProspectCsvField.Employees] =
            ["employees", "employee_count", "size", "company_size", "taille", "employes", "nombre_employes", "nombre_d_employes", "effectif"],
        [ProspectCsvField.City] = ["city", "town", "locality", "ville", "municipalite", "localite"],
        [ProspectCsvField.Region] = ["region", "province", "state", "etat"],
        [ProspectCsvField.Country] = ["country", "pays"],
        [ProspectCsvField.Language] = ["language", "lang", "langue"],
        [ProspectCsvField.Description] = ["description", "notes", "note", "remarques", "commentaires"],
        [ProspectCsvField.Phone] = ["phone", "phone_number", "telephone", "tel", "numero_de_telephone"],
        [ProspectCsvField.Email] = ["email", "e_mail", "courriel", "adresse_courriel", "mail"],
        [ProspectCsvField.ContactName] = ["contact", "contact_name", "nom_contact", "nom_du_contact", "personne_contact", "personne_ressource"],
        [ProspectCsvField.LinkedIn] = ["linkedin", "linkedin_url", "page_linkedin"],
        [ProspectCsvField.EmailSourceUrl] = ["email_source_url", "email_source", "email_page", "source_courriel", "page_courriel", "courriel_source"],
        [ProspectCsvField.EmailSeenAt] = ["email_seen_at", "email_seen", "email_seen_on", "courriel_vu_le", "date_courriel"],
    });

    /// <summary>The field a header names, or null for a column Avenir does not import.</summary>
    public static ProspectCsvField? Recognise(string header) =>
        Names.TryGetValue(Key(header), out var field) ? field : null;

    /// <summary>"Nom de l’entreprise" → "nom_de_l_entreprise": lower case, no accents, words joined by underscores.</summary>
    public static string Key(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var plain = TextFolding.WithoutAccents(header.Trim().ToLowerInvariant());
        var key = new StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '_')
            {
                key.Append('_');
            }
        }

        return key.ToString().TrimEnd('_');
    }

    private static Dictionary<string, ProspectCsvField> Build(Dictionary<ProspectCsvField, string[]> names) =>
        names.SelectMany(pair => pair.Value.Select(name => (name, pair.Key))).ToDictionary(p => p.name, p => p.Key, StringComparer.Ordinal);
}
