namespace Avenir.Grains.Prospects;

/// <summary>
/// What is known about a prospect when its <c>automation_need_score</c> is computed. Every signal may be
/// missing; a missing signal scores the middle of its range (it neither raises nor lowers the need).
/// </summary>
/// <param name="IndustryPriority">The industry's priority 0–100 (<c>prospect_industry_performance.priority</c>).</param>
/// <param name="EmployeeCount">Company size.</param>
/// <param name="ContactForm">Whether the site has a contact form (null: not looked at yet).</param>
/// <param name="FormTest">The result of the form test, when one ran to the end (completed or timeout).</param>
/// <param name="DescriptionEmbedding">The prospect's description embedded by the same model as <paramref name="ProfileEmbeddings"/>.</param>
/// <param name="ProfileEmbeddings">The agency profile's chunk embeddings (<c>avenir_profile_embeddings</c>), one model.</param>
/// <param name="ProfileSimilarity">The best cosine already computed (the <c>prospect_similarity</c> job's, V75); it wins
/// over the two vectors.</param>
/// <param name="DescriptionNotCompared">The prospect has a description the job has not compared yet (scores the middle).</param>
public sealed record AutomationNeedSignals(
    int? IndustryPriority = null,
    int? EmployeeCount = null,
    bool? ContactForm = null,
    FormTestSignal? FormTest = null,
    IReadOnlyList<float>? DescriptionEmbedding = null,
    IReadOnlyList<IReadOnlyList<float>>? ProfileEmbeddings = null,
    double? ProfileSimilarity = null,
    bool DescriptionNotCompared = false);

/// <summary>The part of a form test the score reads.</summary>
/// <param name="Status"><see cref="FormTestStatuses"/>.</param>
/// <param name="Tone"><see cref="AutoresponderTones"/>.</param>
/// <param name="ResponseTimeMinutes">Minutes from submission to the answer (null when none came).</param>
public sealed record FormTestSignal(string Status, string Tone, double? ResponseTimeMinutes);

/// <summary>One signal's share of the score, for the explanation shown per prospect.</summary>
/// <param name="Signal">Which signal: <c>industry</c>, <c>company_size</c>, <c>contact_form</c>, <c>form_test</c>, <c>profile_similarity</c>.</param>
/// <param name="Points">Points given (0 to <paramref name="MaxPoints"/>).</param>
/// <param name="MaxPoints">The most this signal can give.</param>
/// <param name="Reason">Why, in words (English; the UI translates by <paramref name="Signal"/>).</param>
public sealed record AutomationNeedContribution(string Signal, double Points, double MaxPoints, string Reason);

/// <summary>The score (45–95) and how each signal contributed to it.</summary>
public sealed record AutomationNeedAssessment(int Score, IReadOnlyList<AutomationNeedContribution> Contributions);
