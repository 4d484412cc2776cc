using Avenir.Silo.Prospects.FormTesting.Discovery;
using Avenir.Silo.Prospects.FormTesting.Submission;

namespace Avenir.Silo.Prospects.FormTesting;

/// <summary>
/// The first half of a form test: either the inquiry went out (<see cref="Submitted"/>; the watcher now waits for
/// the answer at <see cref="Inquiry"/>'s reply address) or the test stopped with a <see cref="Refusal"/> (recorded as
/// <c>failed</c> with its reason). Everything a grain stores to resume the test after a restart.
/// </summary>
/// <param name="TestId">The test.</param>
/// <param name="Submitted">True when the site accepted the inquiry.</param>
/// <param name="Refusal">Why not, when not submitted.</param>
/// <param name="ContactPage">The page the form was found on.</param>
/// <param name="FormAction">Where it was sent.</param>
/// <param name="Inquiry">What was sent (null when nothing was).</param>
/// <param name="SubmittedAt">When the site accepted it (the start of <c>response_time_minutes</c>).</param>
/// <param name="PagesFetched">How many requests the visit made (robots.txt and the submission included).</param>
/// <param name="FieldsFilled">The form fields filled, by role (for the report).</param>
public sealed record FormTestSubmitted(
    string TestId,
    bool Submitted,
    FormRefusal? Refusal,
    Uri? ContactPage,
    Uri? FormAction,
    Inquiry? Inquiry,
    DateTimeOffset? SubmittedAt,
    int PagesFetched,
    IReadOnlyDictionary<string, string> FieldsFilled);
