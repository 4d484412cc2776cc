namespace Avenir.Contracts.Prospects;

/// <summary>One signal's share of a prospect's <c>automation_need_score</c> (docs/prospects.md, the formula).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectScorePart")]
public sealed record ProspectScorePart(
    [property: Id(0)] string Signal,
    [property: Id(1)] double Points,
    [property: Id(2)] double MaxPoints,
    [property: Id(3)] string Reason);

/// <summary>A prospect as its grain holds it.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectSnapshot")]
public sealed record class ProspectSnapshot
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required string Domain { get; init; }
    [Id(2)] public required string BusinessName { get; init; }
    [Id(3)] public string? Website { get; init; }
    [Id(4)] public string? Industry { get; init; }
    [Id(5)] public string? Region { get; init; }
    [Id(6)] public string? Language { get; init; }
    [Id(7)] public int? EmployeeCount { get; init; }
    [Id(8)] public required IReadOnlyList<string> Sources { get; init; }
    [Id(9)] public DateTimeOffset FirstSeenAt { get; init; }
    [Id(10)] public DateTimeOffset LastSeenAt { get; init; }
    [Id(11)] public int Score { get; init; }
    [Id(12)] public required IReadOnlyList<ProspectScorePart> ScoreExplanation { get; init; }
    [Id(13)] public bool Contacted { get; init; }
    [Id(14)] public bool DoNotContact { get; init; }
    [Id(15)] public bool? HasContactForm { get; init; }
}

/// <summary>The part of a finished form test the prospect's score reads (the test's row is the form-test job's).</summary>
/// <param name="Status">completed, failed or timeout (<c>prospect_form_tests.test_status</c>).</param>
/// <param name="Tone">robotic, human, personalized or none.</param>
/// <param name="FormFound">Whether the site had a contact form (false for no_contact_form).</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectFormTestSignal")]
public sealed record ProspectFormTestSignal(
    [property: Id(0)] string Status,
    [property: Id(1)] string Tone,
    [property: Id(2)] double? ResponseTimeMinutes,
    [property: Id(3)] bool? FormFound);
