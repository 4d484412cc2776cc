using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Avenir.Infrastructure.Text;
using Fluid;
using Fluid.Values;

namespace Avenir.Grains.Outreach.Templates;

/// <summary>A template that passed validation, ready to render for any number of recipients (thread-safe).</summary>
public sealed class CompiledEmailTemplate
{
    internal CompiledEmailTemplate(EmailTemplateContent content, IFluidTemplate subject, IFluidTemplate html, IFluidTemplate text)
    {
        Content = content;
        Subject = subject;
        Html = html;
        Text = text;
    }

    public EmailTemplateContent Content { get; }

    internal IFluidTemplate Subject { get; }

    internal IFluidTemplate Html { get; }

    internal IFluidTemplate Text { get; }
}

/// <summary>The answer of <see cref="OutreachTemplateEngine.Compile"/>: the compiled template, or the problems (never both).</summary>
public sealed record TemplateCompilation(CompiledEmailTemplate? Template, IReadOnlyList<TemplateProblem> Problems)
{
    public bool Succeeded => Template is not null;
}

/// <summary>
/// Validates (at save) and renders (per recipient) outreach templates with Fluid. Every variable is HTML-encoded in
/// the HTML part; none is encoded in the subject and plain text, and the subject is always one line, so a value with
/// CR/LF can never add a header.
/// </summary>
public static partial class OutreachTemplateEngine
{
    public const int MaxSubjectLength = 250;
    public const int MaxBodyLength = 100_000;

    // One parser for every template: Fluid's parser is immutable once built and safe to share across threads.
    private static readonly FluidParser Parser = new();

    // Encodes what HTML needs (<, >, &, quotes, …) and leaves accented letters readable: "Québec", not "Qu&#xE9;bec".
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly TemplateOptions Options = new() { MaxSteps = 10_000, MaxRecursion = 10 };

    /// <summary>The problems of <paramref name="template"/>; empty when it may be saved.</summary>
    public static IReadOnlyList<TemplateProblem> Validate(EmailTemplateContent template) => Compile(template).Problems;

    public static TemplateCompilation Compile(EmailTemplateContent template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<TemplateProblem>();
        if (template.Language is not ("en" or "fr"))
        {
            problems.Add(new("unsupported_language", "language", null, $"The language must be \"en\" or \"fr\", not \"{template.Language}\"."));
        }

        var declared = new Dictionary<string, TemplateVariableDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in template.Variables ?? [])
        {
            if (!TemplateVariables.Known.ContainsKey(declaration.Name))
            {
                problems.Add(new("unknown_variable", "variables", declaration.Name,
                    $"\"{declaration.Name}\" is not a known variable; known: {string.Join(", ", TemplateVariables.Known.Keys)}."));
            }
            else if (!declared.TryAdd(declaration.Name, declaration))
            {
                problems.Add(new("duplicate_variable", "variables", declaration.Name, $"\"{declaration.Name}\" is declared twice."));
            }
        }

        if ((template.Subject ?? "").AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            problems.Add(new("line_break_in_subject", "subject", null, "The subject must be one line."));
        }

        var subject = Parse("subject", template.Subject, MaxSubjectLength, declared, problems);
        var html = Parse("html", template.Html, MaxBodyLength, declared, problems);
        var text = Parse("text", template.Text, MaxBodyLength, declared, problems);
        if (!string.IsNullOrEmpty(template.Html))
        {
            CheckHtmlSafety(template.Html, problems);
        }

        return problems.Count > 0 || subject is null || html is null || text is null
            ? new TemplateCompilation(null, problems)
            : new TemplateCompilation(new CompiledEmailTemplate(template with { Variables = [.. declared.Values] }, subject, html, text), []);
    }

    /// <summary>
    /// Renders <paramref name="template"/> with <paramref name="values"/> (by variable name; values of undeclared
    /// variables are ignored). A required variable without a value, or a URL variable that is not http(s), is a problem.
    /// </summary>
    public static TemplateRendering Render(CompiledEmailTemplate template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<TemplateProblem>();
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in template.Content.Variables)
        {
            var value = values.GetValueOrDefault(declaration.Name);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (declaration.Required)
                {
                    problems.Add(new("missing_value", "values", declaration.Name, $"\"{declaration.Name}\" is required and has no value for this recipient."));
                }

                continue;
            }

            if (TemplateVariables.Known[declaration.Name].Kind == TemplateVariableKind.Url && !IsWebUrl(value))
            {
                problems.Add(new("invalid_url", "values", declaration.Name, $"\"{declaration.Name}\" must be an absolute http or https URL."));
                continue;
            }

            accepted[declaration.Name] = value.Trim();
        }

        if (problems.Count > 0)
        {
            return new TemplateRendering(null, problems);
        }

        var culture = CultureInfo.GetCultureInfo(template.Content.Language == "fr" ? "fr-CA" : "en-CA");
        var subject = OneLine(template.Subject.Render(Context(accepted, OneLine, culture), NullEncoder.Default));
        var html = template.Html.Render(Context(accepted, value => value, culture), Html);
        var text = template.Text.Render(Context(accepted, NormalizeLineEndings, culture), NullEncoder.Default);
        return new TemplateRendering(new RenderedEmail(template.Content.Language, subject, html, text), []);
    }

    /// <summary>One line: every line break and control character becomes a space, runs of spaces one space.</summary>
    public static string OneLine(string value) =>
        TextFolding.CollapseWhitespace(value, c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029');

    internal static bool IsWebUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    private static string NormalizeLineEndings(string value) => value.ReplaceLineEndings("\n");

    private static TemplateContext Context(Dictionary<string, string> values, Func<string, string> shape, CultureInfo culture)
    {
        var context = new TemplateContext(Options) { CultureInfo = culture };
        foreach (var (name, value) in values)
        {
            context.SetValue(name, new StringValue(shape(value)));
        }

        return context;
    }

    private static IFluidTemplate? Parse(
        string part, string? source, int maxLength, Dictionary<string, TemplateVariableDeclaration> declared, List<TemplateProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add(new("empty_part", part, null, $"The {part} is empty."));
            return null;
        }

        if (source.Length > maxLength)
        {
            problems.Add(new("too_long", part, null, $"The {part} is {source.Length} characters; at most {maxLength}."));
            return null;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            problems.Add(new("syntax_error", part, null, $"The {part} is not valid: {error}"));
            return null;
        }

        var inspector = TemplateInspector.Inspect(template);
        foreach (var name in inspector.Variables.Distinct(StringComparer.Ordinal))
        {
            if (!TemplateVariables.Known.ContainsKey(name))
            {
                problems.Add(new("unknown_variable", part, name, $"The {part} uses \"{name}\", which is not a known variable."));
            }
            else if (!declared.ContainsKey(name))
            {
                problems.Add(new("undeclared_variable", part, name, $"The {part} uses \"{name}\", which the template does not declare."));
            }
        }

        foreach (var tag in inspector.UnsupportedTags.Distinct(StringComparer.Ordinal))
        {
            problems.Add(new("unsupported_tag", part, null, $"The {part} uses the tag \"{tag}\"; only if, elsif, else, unless and comment are allowed."));
        }

        foreach (var filter in inspector.UnsupportedFilters.Distinct(StringComparer.Ordinal))
        {
            problems.Add(new("unsupported_filter", part, null,
                $"The {part} uses the filter \"{filter}\"; allowed: {string.Join(", ", TemplateInspector.AllowedFilters.Order(StringComparer.Ordinal))}."));
        }

        foreach (var expression in inspector.UnsupportedExpressions.Distinct(StringComparer.Ordinal))
        {
            problems.Add(new("unsupported_expression", part, expression, $"The {part} uses \"{expression}\"; variables are plain names."));
        }

        return template;
    }

    private static void CheckHtmlSafety(string html, List<TemplateProblem> problems)
    {
        // Email clients run no scripts, but the dashboard previews templates: nothing executable, anywhere.
        if (UnsafeHtml().IsMatch(html))
        {
            problems.Add(new("unsafe_html", "html", null,
                "The HTML may not contain <script>, <iframe>, <object>, <embed>, event-handler attributes (onclick=…) or javascript: URLs."));
        }

        // HTML encoding protects a quoted attribute, not an unquoted one (a space would start a new attribute).
        if (UnquotedAttributeOutput().IsMatch(html))
        {
            problems.Add(new("unquoted_attribute", "html", null, "A variable is used as an unquoted attribute value; quote it: href=\"{{ booking_link }}\"."));
        }
    }

    [GeneratedRegex(@"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeHtml();

    [GeneratedRegex(@"<[a-zA-Z][^>]*?=\s*\{\{", RegexOptions.CultureInvariant)]
    private static partial Regex UnquotedAttributeOutput();
}
