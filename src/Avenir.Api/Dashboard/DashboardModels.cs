using System.Text.Json;

namespace Avenir.Api.Dashboard;

/// <summary>
/// A page of a list (JSON: items, page, pageSize, total): <see cref="Total"/> counts every match, so a page past the end is empty
/// but still says how many there are.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    /// <summary>
    /// Where <see cref="Total"/> comes from: <see cref="TotalSources.Grain"/> (the client's grain keeps the counts of each
    /// status: no count over the table per poll) or <see cref="TotalSources.Count"/> (an exact count of a filtered list).
    /// </summary>
    public string TotalSource { get; init; } = TotalSources.Count;

    /// <summary>
    /// The page after this one by keyset (<c>?cursor=…</c>; the received order only): null when this page is the last, or
    /// when the list is in another order (those page by <c>page</c>).
    /// </summary>
    public string? NextCursor { get; init; }
}

/// <summary>Values of <see cref="ListPage{T}.TotalSource"/>.</summary>
public static class TotalSources
{
    public const string Grain = "grain";
    public const string Count = "count";
}

/// <summary>A lead in the dashboard's list.</summary>
public sealed record LeadListItem(
    Guid Id, string? Name, string Email, string? Company, string MessagePreview, string? Language, string? Intent, string? Urgency,
    string? Tone, decimal? Confidence, string? Summary, string? Tag, bool Archived, bool Deleted, bool Converted, DateTimeOffset ReceivedAt);

/// <summary>The AI enrichment of a lead (all null while <see cref="Status"/> is pending).</summary>
public sealed record LeadEnrichmentView(
    string Status, string? Language, string? Intent, string? Tone, string? Urgency, decimal? Confidence, string? Summary, string? Model,
    DateTimeOffset? EnrichedAt);

/// <summary>Where the automatic reply stands: status null (not started), sending, sent or skipped.</summary>
/// <summary>The lead's auto-reply: its status, when it was sent, and why not (<see cref="AutoReplyReasons"/>).</summary>
public sealed record AutoReplyView(string? Status, DateTimeOffset? SentAt, string? Note, string? Reason);

public sealed record NoteView(
    Guid Id, string Text, string PerformedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<NoteEditView> EditHistory);

public sealed record NoteEditView(string Text, DateTimeOffset EditedAt, string? PerformedBy);

/// <summary>An entry of the activity log (a <c>lead_actions</c> row); <see cref="Action"/> is its action type.</summary>
public sealed record ActionView(
    Guid Id, Guid LeadId, string? LeadName, string Action, string? Tag, string? PerformedBy, DateTimeOffset At, bool? ConversionOutcome,
    string? Reason, JsonElement Metadata);

/// <summary>Everything about one lead.</summary>
public sealed record LeadDetail
{
    public required Guid Id { get; init; }
    public string? Name { get; init; }
    public required string Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public required string Message { get; init; }
    public string? Language { get; init; }
    public string? Intent { get; init; }
    public string? Urgency { get; init; }
    public string? Tone { get; init; }
    public decimal? Confidence { get; init; }
    public string? Summary { get; init; }

    /// <summary>ISO 639-1 code of the message's language once enriched (<see cref="Language"/> is <c>other</c> when it is neither en nor fr).</summary>
    public string? DetectedLanguage { get; init; }

    /// <summary>How the summary was written: <c>llm</c> (validated against the message) or <c>extractive</c>.</summary>
    public string? SummarySource { get; init; }

    /// <summary>The language <see cref="Summary"/> is in.</summary>
    public string? SummaryLanguage { get; init; }

    /// <summary>The summary in <see cref="SummaryTranslationLanguage"/> (the other dashboard language), when the translator could.</summary>
    public string? SummaryTranslation { get; init; }

    public string? SummaryTranslationLanguage { get; init; }
    public string? Tag { get; init; }
    public bool Archived { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public bool Converted { get; init; }
    public DateTimeOffset? ConvertedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int DuplicateCount { get; init; }
    public bool IsTest { get; init; }
    public JsonElement Metadata { get; init; }
    public required LeadEnrichmentView Enrichment { get; init; }
    public JsonElement ToneHistory { get; init; }
    public JsonElement ConfidenceHistory { get; init; }
    public JsonElement UrgencyHistory { get; init; }
    public required AutoReplyView AutoReply { get; init; }
    public IReadOnlyList<NoteView> Notes { get; init; } = [];
    public IReadOnlyList<ActionView> Actions { get; init; } = [];
}
