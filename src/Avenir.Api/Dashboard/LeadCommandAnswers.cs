namespace Avenir.Api.Dashboard;

/// <summary>How the dashboard answers a lead grain's command result: the lead's state, or the problem for its refusal.</summary>
public static class LeadCommandAnswers
{
    /// <summary>A lead's state after a command; <see cref="Changed"/> is false when it already was so.</summary>
    public sealed record LeadStatusView(Guid Id, string? Tag, bool Archived, bool Deleted, bool Converted, DateTimeOffset? ConvertedAt, bool Changed);

    public static Results<Ok<LeadStatusView>, ProblemHttpResult> Answer(Guid leadId, LeadCommandResult result) => result switch
    {
        { Outcome: LeadCommandOutcome.NotFound } => DashboardProblems.NotFound("lead"),
        { Outcome: LeadCommandOutcome.Refused } => Refused(result.Refusal),
        { Status: { } status } => TypedResults.Ok(new LeadStatusView(
            leadId, status.Tag, status.Archived, status.Deleted, status.Converted, status.ConvertedAt, result.Outcome == LeadCommandOutcome.Applied)),
        _ => DashboardProblems.NotFound("lead"),
    };

    /// <summary>The problem of a <see cref="LeadRefusals"/> code.</summary>
    public static ProblemHttpResult Refused(string? refusal) => refusal switch
    {
        LeadRefusals.LeadDeleted => DashboardProblems.Conflict(LeadRefusals.LeadDeleted, "The lead is deleted: restore it first."),
        LeadRefusals.NotConverted => DashboardProblems.Conflict(LeadRefusals.NotConverted, "The lead is not converted."),
        LeadRefusals.NotEnriched => DashboardProblems.Conflict(LeadRefusals.NotEnriched, "The lead has no AI labels yet: nothing to correct."),
        LeadRefusals.InvalidLabel => DashboardProblems.Invalid(LeadRefusals.InvalidLabel, "intent", "Unknown label."),
        _ => DashboardProblems.Conflict(refusal ?? "conflict", "The command does not apply to the lead's current state."),
    };
}
