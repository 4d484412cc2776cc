namespace Avenir.Silo.Prospects.FormTesting.Mailbox;

/// <summary>A message found in the test mailbox for one reply address.</summary>
/// <param name="MessageId">Its <c>Message-ID</c> (or the IMAP UID when it has none).</param>
/// <param name="From">The sender as written.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The text (the plain part, or the HTML part as text).</param>
/// <param name="Headers">Its headers (first value of each name; names compared case-insensitively).</param>
/// <param name="SentAt">Its <c>Date</c> header, or when the server received it when it has none.</param>
/// <param name="ReceivedAt">When the IMAP server received it.</param>
public sealed record MailboxReply(
    string MessageId, string? From, string Subject, string Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset SentAt,
    DateTimeOffset ReceivedAt);
