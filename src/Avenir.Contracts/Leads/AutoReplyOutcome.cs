namespace Avenir.Contracts.Leads;

/// <summary>What became of an auto-reply.</summary>
public enum AutoReplyEvent
{
    /// <summary>The lead answered it (a positive outcome).</summary>
    Replied,

    /// <summary>It bounced (a negative outcome: the address does not take mail).</summary>
    Bounced,
}

/// <summary>An auto-reply's outcome, as a bounce webhook or a mailbox poller reports it.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.AutoReplyOutcome")]
public sealed record class AutoReplyOutcome
{
    /// <summary>The Message-ID the auto-reply was sent with, without angle brackets.</summary>
    [Id(0)] public required string MessageId { get; init; }

    [Id(1)] public required AutoReplyEvent Event { get; init; }

    /// <summary>When it happened, if the reporter knows; else when it is recorded.</summary>
    [Id(2)] public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Free text from the reporter (a bounce's diagnostic, a reply's subject), at most 1,000 characters.</summary>
    [Id(3)] public string? Detail { get; init; }
}

/// <summary>How recording an auto-reply outcome ended.</summary>
public enum AutoReplyOutcomeResult
{
    /// <summary>Recorded now.</summary>
    Recorded,

    /// <summary>This event was already recorded for the lead: nothing written.</summary>
    AlreadyRecorded,

    /// <summary>This client has no such lead, or the lead's auto-reply did not go out with this Message-ID.</summary>
    NotFound,
}
