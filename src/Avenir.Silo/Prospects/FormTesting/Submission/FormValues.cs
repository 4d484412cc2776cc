using Avenir.Silo.Prospects.FormTesting.Discovery;

namespace Avenir.Silo.Prospects.FormTesting.Submission;

/// <summary>
/// The name/value pairs a browser would send for <see cref="ContactForm"/> filled with an <see cref="Inquiry"/>:
/// hidden fields and tokens as the page set them, honeypots empty, the inquiry in the fields it recognises, required
/// consent boxes checked (other boxes as the page left them), one value per radio group, the first submit button.
/// </summary>
public static class FormValues
{
    /// <summary>The pairs, in document order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(ContactForm form, Inquiry inquiry)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(inquiry);
        var values = new List<KeyValuePair<string, string>>();
        var radioGroups = new HashSet<string>(StringComparer.Ordinal);
        var submitted = false;
        var (first, last) = SplitName(inquiry.SenderName);
        foreach (var field in form.Fields)
        {
            string? value = field.Role switch
            {
                FormFieldRole.Hidden => field.Value ?? string.Empty,
                FormFieldRole.Honeypot => string.Empty,
                FormFieldRole.Name => inquiry.SenderName,
                FormFieldRole.FirstName => first,
                FormFieldRole.LastName => last,
                FormFieldRole.Email => inquiry.ReplyAddress,
                FormFieldRole.Phone => inquiry.Phone ?? string.Empty,
                FormFieldRole.Message => inquiry.Message,
                FormFieldRole.Company => inquiry.Company,
                FormFieldRole.Subject => inquiry.Subject,
                FormFieldRole.Checkbox => field.Checked || field.Required ? field.Value ?? "on" : null,
                FormFieldRole.Choice when field.Type == "radio" => RadioValue(form, field, radioGroups),
                FormFieldRole.Choice => field.Value ?? string.Empty,
                FormFieldRole.Submit => submitted ? null : field.Value ?? string.Empty,
                _ => field.Value is { Length: > 0 } ? field.Value : field.Required ? "-" : string.Empty,
            };
            if (field.Role == FormFieldRole.Submit)
            {
                submitted = true;
            }

            if (value is not null)
            {
                values.Add(new KeyValuePair<string, string>(field.Name, value));
            }
        }

        return values;
    }

    private static string? RadioValue(ContactForm form, FormField field, HashSet<string> done)
    {
        if (!done.Add(field.Name))
        {
            return null;
        }

        var group = form.Fields.Where(f => f.Type == "radio" && f.Name == field.Name).ToList();
        return (group.FirstOrDefault(f => f.Checked) ?? group[0]).Value ?? "on";
    }

    private static (string First, string Last) SplitName(string name)
    {
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 ? (parts[0], parts[1]) : (name.Trim(), name.Trim());
    }
}
