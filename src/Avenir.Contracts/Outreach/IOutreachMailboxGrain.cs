namespace Avenir.Contracts.Outreach;

/// <summary>
/// One sending mailbox (key: its configured id): the only place its limits are decided. <see cref="ReserveSendAsync"/> is
/// called right before each send and records the instant before answering, so no number of concurrent callers or silos
/// can exceed the rolling 24-hour limit or the spacing. It also keeps the IMAP cursors of the mailbox.
/// </summary>
[Alias("Avenir.Contracts.Outreach.IOutreachMailboxGrain")]
public interface IOutreachMailboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// May one message leave now to a recipient in <paramref name="timeZone"/> within <paramref name="window"/>? When
    /// allowed the send is counted at once (the caller sends next); when not, says when.
    /// </summary>
    [Alias("ReserveSend")]
    Task<MailboxPermit> ReserveSendAsync(CampaignWindow window, string timeZone);

    /// <summary>
    /// The message of the permit reserved at <paramref name="reservedAt"/> (the allowed permit's <c>NextAllowedAt</c>) has
    /// left: its counted instant moves to now, so the rolling 24 hours and the spacing run from when the server took it,
    /// as a provider counts, not from the reservation (a slow send would otherwise free its slot early).
    /// </summary>
    [Alias("CompleteSend")]
    Task CompleteSendAsync(DateTimeOffset reservedAt);

    /// <summary>Today's use: the daily limit and the sends of the last 24 hours.</summary>
    [Alias("GetUsage")]
    Task<MailboxUsage> GetUsageAsync();

    [Alias("GetCursors")]
    Task<IReadOnlyList<MailboxFolderCursor>> GetCursorsAsync();

    [Alias("SaveCursors")]
    Task SaveCursorsAsync(IReadOnlyList<MailboxFolderCursor> cursors);
}

/// <summary>The answer of <see cref="IOutreachMailboxGrain.ReserveSendAsync"/>.</summary>
/// <param name="NextAllowedAt">When refused, when to ask again; when allowed, the instant the send was counted at.</param>
/// <param name="Reason"><c>none</c>, <c>daily_limit</c>, <c>spacing</c>, <c>outside_window</c>.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.MailboxPermit")]
public sealed record class MailboxPermit(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] DateTimeOffset NextAllowedAt,
    [property: Id(2)] string Reason,
    [property: Id(3)] int SentInLast24Hours);

[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.MailboxUsage")]
public sealed record class MailboxUsage(
    [property: Id(0)] string MailboxId,
    [property: Id(1)] int DailyLimit,
    [property: Id(2)] int SentInLast24Hours,
    [property: Id(3)] DateTimeOffset? LastSentAt);

/// <summary>Where a scan of one IMAP folder stopped (UIDVALIDITY + last UID seen).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.MailboxFolderCursor")]
public sealed record class MailboxFolderCursor(
    [property: Id(0)] string Folder,
    [property: Id(1)] uint UidValidity,
    [property: Id(2)] uint LastUid);
