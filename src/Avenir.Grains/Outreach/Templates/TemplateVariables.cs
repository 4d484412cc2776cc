namespace Avenir.Grains.Outreach.Templates;

/// <summary>How a variable's value is checked and written.</summary>
public enum TemplateVariableKind
{
    /// <summary>Free text: HTML-encoded in the HTML part, one line (CR/LF removed) in the subject.</summary>
    Text,

    /// <summary>An absolute http(s) URL; anything else (javascript:, data:, relative) is refused at render.</summary>
    Url,
}

/// <summary>A variable templates may use.</summary>
public sealed record TemplateVariable(string Name, TemplateVariableKind Kind, string Description);

/// <summary>
/// The fixed set of variables an outreach template may use (snake_case, as written in templates:
/// <c>{{ contact_first_name }}</c>). Prospect fields come from the prospect, sender fields from the sending identity,
/// links from the campaign and the composer.
/// </summary>
public static class TemplateVariables
{
    public const string BusinessName = "business_name";
    public const string ContactFirstName = "contact_first_name";
    public const string ContactLastName = "contact_last_name";
    public const string City = "city";
    public const string Province = "province";
    public const string Industry = "industry";
    public const string Website = "website";
    public const string SenderName = "sender_name";
    public const string SenderTitle = "sender_title";
    public const string SenderCompany = "sender_company";
    public const string SenderEmail = "sender_email";
    public const string SenderPhone = "sender_phone";
    public const string SenderPostalAddress = "sender_postal_address";
    public const string BookingLink = "booking_link";
    public const string UnsubscribeUrl = "unsubscribe_url";

    /// <summary>Every known variable by name (ordinal).</summary>
    public static IReadOnlyDictionary<string, TemplateVariable> Known { get; } = new TemplateVariable[]
    {
        new(BusinessName, TemplateVariableKind.Text, "The prospect's business name."),
        new(ContactFirstName, TemplateVariableKind.Text, "The contact's first name."),
        new(ContactLastName, TemplateVariableKind.Text, "The contact's last name."),
        new(City, TemplateVariableKind.Text, "The prospect's city."),
        new(Province, TemplateVariableKind.Text, "The prospect's province or territory."),
        new(Industry, TemplateVariableKind.Text, "The prospect's industry, in the template's language."),
        new(Website, TemplateVariableKind.Url, "The prospect's website."),
        new(SenderName, TemplateVariableKind.Text, "The sender's full name."),
        new(SenderTitle, TemplateVariableKind.Text, "The sender's job title."),
        new(SenderCompany, TemplateVariableKind.Text, "The sender's company."),
        new(SenderEmail, TemplateVariableKind.Text, "The sender's email address."),
        new(SenderPhone, TemplateVariableKind.Text, "The sender's phone number."),
        new(SenderPostalAddress, TemplateVariableKind.Text, "The sender's postal address (also in the CASL footer of every message)."),
        new(BookingLink, TemplateVariableKind.Url, "The sender's booking page."),
        new(UnsubscribeUrl, TemplateVariableKind.Url, "This recipient's unsubscribe page (also in the footer of every message)."),
    }.ToDictionary(v => v.Name, StringComparer.Ordinal);
}
