using Fluid;
using Fluid.Ast;

namespace Avenir.Grains.Outreach.Templates;

/// <summary>
/// Walks a parsed template and lists what it uses. Templates are a deliberately small Liquid: text, outputs with a
/// few filters, if/elsif/else/unless and comments. No loops, assignments, includes or raw output, so a template
/// cannot read files, run long, or print a value without encoding (Liquid's <c>raw</c> filter).
/// </summary>
internal sealed class TemplateInspector : AstVisitor
{
    /// <summary>Filters that only reshape text; none of them can bypass the encoder.</summary>
    public static readonly IReadOnlySet<string> AllowedFilters = new HashSet<string>(StringComparer.Ordinal)
    {
        "default", "upcase", "downcase", "capitalize", "strip", "lstrip", "rstrip", "truncate", "truncatewords", "replace", "append", "prepend",
    };

    public List<string> Variables { get; } = [];

    public List<string> UnsupportedTags { get; } = [];

    public List<string> UnsupportedFilters { get; } = [];

    public List<string> UnsupportedExpressions { get; } = [];

    public override Statement Visit(Statement statement)
    {
        switch (statement)
        {
            case null:
                return statement!; // an if without else: nothing to see
        }

        switch (statement)
        {
            case TextSpanStatement or OutputStatement or IfStatement or ElseIfStatement or ElseStatement or UnlessStatement or CommentStatement:
                break;
            default:
                UnsupportedTags.Add(TagName(statement));
                return statement; // its inside is not inspected: the template is refused anyway
        }

        return base.Visit(statement);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        if (memberExpression.Segments is [IdentifierSegment identifier])
        {
            Variables.Add(identifier.Identifier);
        }
        else
        {
            UnsupportedExpressions.Add(string.Join('.', memberExpression.Segments.Select(s => s is IdentifierSegment id ? id.Identifier : "[…]")));
        }

        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!AllowedFilters.Contains(filterExpression.Name))
        {
            UnsupportedFilters.Add(filterExpression.Name);
        }

        return base.VisitFilterExpression(filterExpression);
    }

    private static string TagName(Statement statement)
    {
        var name = statement.GetType().Name;
        return name.EndsWith("Statement", StringComparison.Ordinal) ? name[..^"Statement".Length].ToLowerInvariant() : name;
    }

    public static TemplateInspector Inspect(IFluidTemplate template)
    {
        var inspector = new TemplateInspector();
        inspector.VisitTemplate(template);
        return inspector;
    }
}
