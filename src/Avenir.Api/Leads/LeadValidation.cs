using System.Net.Mail;
using System.Text;
using Avenir.Api.Validation;

namespace Avenir.Api.Leads;

/// <summary>
/// Turns a <see cref="LeadForm"/> into a <see cref="LeadSubmission"/>, or into the list of what is wrong
/// with it (field → messages), so the answer names every problem at once.
/// </summary>
public static class LeadValidation
{
    /// <summary>Fields the intake itself reads; they are not kept as lead metadata.</summary>
    public static readonly HashSet<string> ControlFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "key", "form_key", "_redirect", IntakeHoneypot.FieldName, IntakeHoneypot.AlternateFieldName,
    };

    private static readonly HashSet<string> LeadFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "email", "message", "phone", "company", "language",
    };

    /// <summary>The lead <paramref name="form"/> describes, or the errors by field.</summary>
    public static bool TryValidate(LeadForm form, IntakeOptions options, [NotNullWhen(true)] out LeadSubmission? lead, out Dictionary<string, string[]> errors)
    {
        lead = null;
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var email = form["email"]?.Trim();
        var message = form["message"]?.Trim();

        if (string.IsNullOrEmpty(email))
        {
            errors["email"] = ["'email' is required."];
        }
        else if (email.Length > 254
            || !MailAddress.TryCreate(email, out var address)
            || address.Address != email
            || !email.Contains('.', StringComparison.Ordinal))
        {
            errors["email"] = [$"'{Shorten(email)}' is not a valid email address."];
        }

        if (string.IsNullOrEmpty(message))
        {
            errors["message"] = ["'message' is required and must not be empty."];
        }
        else if (message.Length > options.MaxMessageLength)
        {
            errors["message"] = [$"'message' is longer than {options.MaxMessageLength} characters."];
        }

        CheckLength(form, "name", 200, errors);
        CheckLength(form, "company", 200, errors);
        CheckLength(form, "phone", 50, errors);

        var extras = form.Fields.Where(f => !LeadFields.Contains(f.Key) && !ControlFields.Contains(f.Key)).ToList();
        if (extras.Count > options.MaxExtraFields)
        {
            errors["fields"] = [$"At most {options.MaxExtraFields} extra fields are accepted; this form sent {extras.Count}."];
        }

        foreach (var (name, value) in extras.Where(e => e.Key.Length > 100 || e.Value.Length > 2000))
        {
            errors[Shorten(name)] = ["Extra fields are limited to 100-character names and 2,000-character values."];
        }

        // PostgreSQL cannot store a NUL or a lone surrogate: refused here, it cannot fail the group commit of other leads.
        foreach (var (name, value) in form.Fields.Where(f => !StorableText.IsStorable(f.Key) || !StorableText.IsStorable(f.Value)))
        {
            errors[Shorten(Printable(name))] = [$"'{Shorten(Printable(name))}' {StorableText.Refusal}."];
        }

        if (errors.Count > 0 || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(message))
        {
            return false;
        }

        // A declared language other than en/fr is kept as metadata: enrichment detects the real one.
        var language = form["language"]?.Trim().ToLowerInvariant();
        var metadata = extras.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (language is { Length: > 0 } and not ("en" or "fr"))
        {
            metadata["language"] = language;
            language = null;
        }

        lead = new LeadSubmission
        {
            Name = form["name"]?.Trim() ?? "",
            Email = email,
            Message = message,
            Phone = Blank(form["phone"]),
            Company = Blank(form["company"]),
            Language = Blank(language),
            Metadata = metadata,
            Source = "intake",
        };
        return true;
    }

    private static void CheckLength(LeadForm form, string field, int max, Dictionary<string, string[]> errors)
    {
        if (form[field] is { } value && value.Trim().Length > max)
        {
            errors[field] = [$"'{field}' is longer than {max} characters."];
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A field name as an answer may show it: NUL as <c>\0</c>, any surrogate as U+FFFD (JSON cannot carry a lone one).</summary>
    private static string Printable(string name)
    {
        if (StorableText.IsStorable(name))
        {
            return name;
        }

        var shown = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (c == '\0')
            {
                shown.Append("\\0");
            }
            else
            {
                shown.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return shown.ToString();
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
