namespace Avenir.Grains.Outreach.Templates;

/// <summary>A variable a template declares it uses. Required variables must have a value for every recipient.</summary>
public sealed record TemplateVariableDeclaration(string Name, bool Required = true);

/// <summary>
/// One language version of an outreach template as saved (<c>email_templates</c>): the subject and both bodies are
/// Liquid (Fluid) with the declared <see cref="TemplateVariables"/>. A campaign holds an English and a French version
/// and picks by the prospect's language.
/// </summary>
/// <param name="Language"><c>en</c> or <c>fr</c>.</param>
public sealed record EmailTemplateContent(
    string Language,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<TemplateVariableDeclaration> Variables);

/// <summary>
/// Something wrong with a template (at save) or with the values given to it (at render), as data the API turns into
/// a 400 problem's <c>errors</c>.
/// </summary>
/// <param name="Code">
/// <c>syntax_error</c>, <c>unknown_variable</c>, <c>undeclared_variable</c>, <c>duplicate_variable</c>, <c>unsupported_tag</c>,
/// <c>unsupported_filter</c>, <c>unsupported_expression</c>, <c>unsafe_html</c>, <c>unquoted_attribute</c>,
/// <c>line_break_in_subject</c>, <c>empty_part</c>, <c>unsupported_language</c>, <c>too_long</c> (save);
/// <c>missing_value</c>, <c>invalid_url</c> (render).
/// </param>
/// <param name="Part"><c>subject</c>, <c>html</c>, <c>text</c>, <c>variables</c>, <c>language</c> or <c>values</c>.</param>
/// <param name="Variable">The variable concerned, when there is one.</param>
public sealed record TemplateProblem(string Code, string Part, string? Variable, string Message);

/// <summary>The three rendered parts of one email.</summary>
public sealed record RenderedEmail(string Language, string Subject, string Html, string Text);

/// <summary>The answer of <see cref="OutreachTemplateEngine.Render"/>: the email, or the problems (never both).</summary>
public sealed record TemplateRendering(RenderedEmail? Email, IReadOnlyList<TemplateProblem> Problems)
{
    public bool Succeeded => Email is not null;
}
