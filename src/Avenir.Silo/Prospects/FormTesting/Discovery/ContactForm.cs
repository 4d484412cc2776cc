namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>What a form field is for, read from its name, id, label, placeholder, type and autocomplete (EN and FR).</summary>
public enum FormFieldRole
{
    /// <summary>A field Avenir does not recognise (left as the page set it; "-" when required).</summary>
    Other,

    /// <summary>Full name (name, nom, votre nom).</summary>
    Name,

    /// <summary>First name (prénom, first name).</summary>
    FirstName,

    /// <summary>Last name (nom de famille, last name).</summary>
    LastName,

    /// <summary>E-mail (email, courriel, type=email): gets the test's reply address.</summary>
    Email,

    /// <summary>Phone (phone, téléphone, type=tel).</summary>
    Phone,

    /// <summary>The message (message, question, demande, a textarea).</summary>
    Message,

    /// <summary>Company (entreprise, company).</summary>
    Company,

    /// <summary>Subject (sujet, objet, subject).</summary>
    Subject,

    /// <summary>A hidden field or token (CSRF, form id): sent with the value the page gave it.</summary>
    Hidden,

    /// <summary>A trap for bots (hidden by CSS, _gotcha, honeypot): always sent empty.</summary>
    Honeypot,

    /// <summary>A checkbox (consent if required: checked; newsletter and others: left unchecked).</summary>
    Checkbox,

    /// <summary>A select or radio group: the selected (or first real) choice.</summary>
    Choice,

    /// <summary>The submit button, sent when it has a name (as a browser sends the button clicked).</summary>
    Submit,
}

/// <summary>A form field as the page declares it.</summary>
/// <param name="Name">The <c>name</c> attribute (what is sent).</param>
/// <param name="Role">What it is for.</param>
/// <param name="Type">The input type (<c>text</c>, <c>email</c>, <c>hidden</c>, <c>textarea</c>, <c>select</c>…).</param>
/// <param name="Value">The page's value (hidden fields, tokens, the selected choice, a checkbox's value).</param>
/// <param name="Required">Whether the page requires it.</param>
/// <param name="Label">The label text, when there is one.</param>
/// <param name="Checked">For checkboxes and radios: checked by the page.</param>
public sealed record FormField(string Name, FormFieldRole Role, string Type, string? Value, bool Required, string? Label, bool Checked = false);

/// <summary>A contact form found on a page, with everything needed to submit it as a browser would.</summary>
/// <param name="PageUrl">The page the form is on (the Referer of the submission).</param>
/// <param name="Action">The resolved URL it submits to.</param>
/// <param name="Method"><c>GET</c> or <c>POST</c>.</param>
/// <param name="Enctype"><c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>.</param>
/// <param name="Fields">The fields in document order.</param>
/// <param name="Language">The page's language (<c>en</c>/<c>fr</c>).</param>
public sealed record ContactForm(Uri PageUrl, Uri Action, string Method, string Enctype, IReadOnlyList<FormField> Fields, string Language)
{
    /// <summary>multipart/form-data.</summary>
    public const string Multipart = "multipart/form-data";

    /// <summary>application/x-www-form-urlencoded.</summary>
    public const string UrlEncoded = "application/x-www-form-urlencoded";

    /// <summary>The first field of <paramref name="role"/>, if any.</summary>
    public FormField? Field(FormFieldRole role) => Fields.FirstOrDefault(f => f.Role == role);
}
