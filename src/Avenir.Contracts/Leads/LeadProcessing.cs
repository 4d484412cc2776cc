namespace Avenir.Contracts.Leads;

/// <summary>Where a lead stands in the work that follows its capture: enrichment and the auto-reply.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadProcessing")]
public sealed record class LeadProcessing
{
    /// <summary><c>pending</c>, <c>completed</c> or <c>failed</c>.</summary>
    [Id(0)] public required string EnrichmentStatus { get; init; }
    [Id(1)] public string? EnrichmentModel { get; init; }
    [Id(2)] public DateTimeOffset? EnrichedAt { get; init; }
    [Id(3)] public Guid? EnrichmentJobId { get; init; }

    /// <summary>
    /// <c>null</c> (not decided), <c>sending</c> (Message-ID reserved, send in progress or interrupted), <c>sent</c>, <c>skipped</c>,
    /// <c>withheld</c> or <c>unconfirmed</c> (<see cref="LeadProcessingStatuses"/>).
    /// </summary>
    [Id(4)] public string? AutoReplyStatus { get; init; }

    /// <summary>The RFC 5322 Message-ID (without angle brackets) reserved for, then used by, the auto-reply.</summary>
    [Id(5)] public string? AutoReplyMessageId { get; init; }
    [Id(6)] public DateTimeOffset? AutoReplySentAt { get; init; }

    /// <summary>Why the auto-reply was skipped, or how it was sent (template, language).</summary>
    [Id(7)] public string? AutoReplyNote { get; init; }

    /// <summary>The rule behind a skipped, withheld or unconfirmed reply (<see cref="AutoReplyReasons"/>).</summary>
    [Id(8)] public string? AutoReplyReason { get; init; }
}
