namespace Avenir.Contracts.Outreach;

/// <summary>What one generation pass wrote: one email per targeted prospect and sequence step (idempotent).</summary>
/// <param name="Prospects">Prospects that match the target.</param>
/// <param name="Created">New emails (all steps) written, pending review.</param>
/// <param name="MissingEmail">Of the new ones, prospects without an address: flagged <c>missing_email</c>, never sent.</param>
/// <param name="Suppressed">Prospects skipped because they are on the do-not-contact list.</param>
/// <param name="Problems">Prospects whose values the template refused (e.g. a required variable missing), by code; and prospects
/// generated without a CASL basis (<c>{id}:consent_missing(no_consent_basis)</c>), whose emails the send will refuse unless evidence
/// is recorded first.</param>
/// <param name="HeldForAbTest">Prospects held back while their language's A/B test is undecided: generated with the winner.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EmailGeneration")]
public sealed record class EmailGeneration(
    [property: Id(0)] int Prospects,
    [property: Id(1)] int Created,
    [property: Id(2)] int MissingEmail,
    [property: Id(3)] int Suppressed,
    [property: Id(4)] IReadOnlyList<string> Problems,
    [property: Id(5)] int HeldForAbTest = 0);

/// <summary>A reviewer's decision on pending emails (a whole prospect's sequence goes with its first email).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EmailReview")]
public sealed record class EmailReview(
    [property: Id(0)] IReadOnlyList<Guid> EmailIds,
    [property: Id(1)] bool Approve,
    [property: Id(2)] string Reviewer,
    [property: Id(3)] string? Reason);

/// <summary>How many emails a review changed; the others were not pending (or not of this campaign).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EmailReviewResult")]
public sealed record class EmailReviewResult([property: Id(0)] int Changed, [property: Id(1)] int Skipped);

/// <summary>
/// Everything needed to compose and send one approved email, as the campaign grain allows it at this moment (the
/// do-not-contact list and the sequence's stop already checked).
/// </summary>
/// <param name="ParentMessageId">For a follow-up: the Message-ID of the email before it (In-Reply-To).</param>
/// <param name="ParentReferences">That email's References, oldest first.</param>
/// <param name="TimeZone">The recipient's IANA zone (the send window applies there).</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.OutreachSendTicket")]
public sealed record class OutreachSendTicket(
    [property: Id(0)] Guid EmailId,
    [property: Id(1)] Guid CampaignId,
    [property: Id(2)] Guid ProspectId,
    [property: Id(3)] string RecipientAddress,
    [property: Id(4)] string? RecipientName,
    [property: Id(5)] string Language,
    [property: Id(6)] string Subject,
    [property: Id(7)] string Html,
    [property: Id(8)] string Text,
    [property: Id(9)] int Step,
    [property: Id(10)] string? ParentMessageId,
    [property: Id(11)] IReadOnlyList<string> ParentReferences,
    [property: Id(12)] string? ProviderThreadId,
    [property: Id(13)] string TimeZone,
    [property: Id(14)] CampaignSender Sender,
    [property: Id(15)] CampaignWindow Window);

/// <summary>Why an approved email is not sent now.</summary>
public enum SendRefusal
{
    None,

    /// <summary>Not approved (anymore), or the campaign is not active.</summary>
    NotSendable,

    /// <summary>The address or prospect is on the do-not-contact list: the email and its follow-ups are cancelled.</summary>
    Suppressed,

    /// <summary>Not due yet (a follow-up waiting for its day).</summary>
    NotDue,

    /// <summary>
    /// No CASL basis allows it (none recorded, for another address, or lapsed — <c>ConsentCheck</c>): the email and its
    /// follow-ups are cancelled, <c>last_error</c> saying why.
    /// </summary>
    NoConsent,

    /// <summary>
    /// Another caller holds a ticket for this email and has not reported its send yet (two <c>bulk_email</c> passes of one
    /// campaign overlapping, on one silo or two): it is theirs, so it is not sent twice.
    /// </summary>
    InFlight,
}

[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.SendPreparation")]
public sealed record class SendPreparation([property: Id(0)] OutreachSendTicket? Ticket, [property: Id(1)] SendRefusal Refusal);

/// <summary>The transport's outcome of one send (the silo's <c>OutreachSendStatus</c>), as the campaign records it.</summary>
public enum SendOutcomeKind
{
    Accepted,
    HardBounce,
    SoftBounce,
    Retryable,
    Failed,
}

/// <summary>What happened to one send, reported to the campaign grain right after the transport answered.</summary>
/// <param name="MessageId">The Message-ID set on the message (without brackets), recorded whatever the outcome.</param>
/// <param name="References">The References the message carried.</param>
/// <param name="Links">The tracked links of the message: the only URLs its click tokens may lead to.</param>
/// <param name="RetryAfter">For soft bounces and retryable failures: when to try again at the earliest.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.OutreachSendReport")]
public sealed record class OutreachSendReport(
    [property: Id(0)] Guid EmailId,
    [property: Id(1)] SendOutcomeKind Outcome,
    [property: Id(2)] string MessageId,
    [property: Id(3)] IReadOnlyList<string> References,
    [property: Id(4)] IReadOnlyList<string> Links,
    [property: Id(5)] string? ProviderMessageId,
    [property: Id(6)] string? ProviderThreadId,
    [property: Id(7)] int? StatusCode,
    [property: Id(8)] string? EnhancedStatusCode,
    [property: Id(9)] string Detail,
    [property: Id(10)] TimeSpan? RetryAfter);

/// <summary>A tracking event from the public endpoints (the token already verified).</summary>
/// <param name="Action"><see cref="OutreachActions.Opened"/>, <see cref="OutreachActions.Clicked"/> or <see cref="OutreachActions.Unsubscribed"/>.</param>
/// <param name="LinkIndex">For a click: the index of the link in the email.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.OutreachEngagement")]
public sealed record class OutreachEngagement(
    [property: Id(0)] Guid EmailId,
    [property: Id(1)] string Action,
    [property: Id(2)] int? LinkIndex,
    [property: Id(3)] string? UserAgent,
    [property: Id(4)] string? Source);

/// <summary>What the campaign did with a tracking event.</summary>
/// <param name="RedirectUrl">For a click: the URL recorded for that link of that email (never one from the request).</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EngagementResult")]
public sealed record class EngagementResult([property: Id(0)] bool Recorded, [property: Id(1)] string? RedirectUrl);

/// <summary>The kind of a message found in the outreach mailbox and tied to one of our emails.</summary>
public enum InboundEventKind
{
    /// <summary>A person answered: every follow-up to the prospect stops.</summary>
    Reply,

    /// <summary>An out-of-office or other automatic reply: recorded, the sequence goes on.</summary>
    AutomaticReply,

    /// <summary>A permanent failure (5.x.x DSN): bounced, do-not-contact.</summary>
    HardBounce,

    /// <summary>A temporary failure (4.x.x DSN): counted; hard after a threshold.</summary>
    SoftBounce,

    /// <summary>A mail to the List-Unsubscribe mailto: address with a valid token.</summary>
    Unsubscribe,
}

/// <summary>One inbound message tied to an email, recorded idempotently by its own Message-ID.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.OutreachInbound")]
public sealed record class OutreachInbound(
    [property: Id(0)] Guid EmailId,
    [property: Id(1)] InboundEventKind Kind,
    [property: Id(2)] string EventKey,
    [property: Id(3)] string? From,
    [property: Id(4)] string? Detail,
    [property: Id(5)] DateTimeOffset ReceivedAt);
