using Avenir.Api.Leads;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>The RFC 9457 answers of the admin outreach API that the dashboard's do not already cover.</summary>
public static class OutreachProblems
{
    /// <summary>
    /// 400 for a template (or a preview) the engine refuses: <c>errors</c> is keyed by the variable when there is one,
    /// else by the part (<c>subject</c>, <c>html</c>, …); <c>problems</c> carries each problem's code, part and variable.
    /// </summary>
    public static ProblemHttpResult InvalidTemplate(IReadOnlyList<EmailTemplateProblem> problems, string code = "invalid_template")
    {
        var errors = problems.GroupBy(p => p.Variable ?? p.Part, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => $"{p.Code}: {p.Message}").ToArray(), StringComparer.Ordinal);
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = code == "invalid_template" ? "Invalid template" : "The template cannot be rendered for this prospect",
            Detail = string.Join(" ", problems.Select(p => p.Variable is null
                ? $"{p.Code} ({p.Part}): {p.Message}"
                : $"{p.Code} '{p.Variable}' ({p.Part}): {p.Message}")),
            Type = $"https://avenir.dev/problems/{code}",
            Extensions =
            {
                ["code"] = code,
                ["problems"] = problems.Select(p => new { p.Code, p.Part, p.Variable, p.Message }).ToArray(),
            },
        });
    }

    public static ProblemHttpResult NameTaken(string detail) => IntakeProblems.Problem(StatusCodes.Status409Conflict, "name_taken", "Name taken", detail);
}
