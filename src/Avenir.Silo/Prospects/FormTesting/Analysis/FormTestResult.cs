using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.FormTesting.Analysis;

/// <summary>
/// The end of a form test: what a <c>prospect_form_tests</c> row records. <see cref="Status"/> is
/// <c>completed</c> (an answer arrived), <c>failed</c> (with <see cref="FailureReason"/>) or <c>timeout</c>.
/// </summary>
/// <param name="TestId">The test.</param>
/// <param name="Status"><see cref="FormTestStatuses"/>.</param>
/// <param name="FailureReason">For <c>failed</c>: the refusal code (<c>captcha</c>, <c>no_contact_form</c>…) and its detail.</param>
/// <param name="ResponseTimeMinutes">Minutes from submission to the answer.</param>
/// <param name="HasAutoresponder">The first answer was sent automatically (automatic-mail headers, a robotic tone, or within 10 minutes).</param>
/// <param name="AutoresponderContent">Its subject and text.</param>
/// <param name="AutoresponderTone"><see cref="AutoresponderTones"/>.</param>
/// <param name="Score">0–100 (<see cref="FormTestScore"/>).</param>
/// <param name="ScoreParts">How the score was made.</param>
/// <param name="ReplyFrom">The answer's sender.</param>
/// <param name="RepliedAt">When the answer was sent.</param>
/// <param name="ToneDecidedBy">The rule or <c>model</c>.</param>
public sealed record FormTestResult(
    string TestId,
    string Status,
    string? FailureReason,
    double? ResponseTimeMinutes,
    bool HasAutoresponder,
    string? AutoresponderContent,
    string AutoresponderTone,
    int Score,
    IReadOnlyList<FormTestScorePart> ScoreParts,
    string? ReplyFrom,
    DateTimeOffset? RepliedAt,
    string? ToneDecidedBy)
{
    /// <summary>The signal <see cref="AutomationNeedScore"/> reads.</summary>
    public FormTestSignal ToSignal() => new(Status, AutoresponderTone, ResponseTimeMinutes);
}
