namespace Avenir.Silo.Outreach.Composition;

/// <summary>
/// Who sends (CASL s. 6(2): the sender is identified, with a mailing address and a way to reach them, in every message).
/// </summary>
/// <param name="Name">The person, e.g. "Marc Tremblay".</param>
/// <param name="Address">The sending mailbox; its domain names the Message-IDs.</param>
/// <param name="Company">The business the message is sent for.</param>
/// <param name="PostalAddress">A valid mailing address (lines separated by line breaks).</param>
/// <param name="ReplyTo">Where replies go, when not to <paramref name="Address"/> (it must be a watched mailbox too).</param>
/// <param name="UnsubscribeMailbox">The address of the <c>mailto:</c> unsubscribe (a watched mailbox); <paramref name="Address"/> by default.</param>
public sealed record SenderIdentity(
    string Name, string Address, string Company, string PostalAddress, string? ReplyTo = null, string? UnsubscribeMailbox = null);

/// <summary>The one recipient of an outreach email.</summary>
public sealed record OutreachRecipient(string Address, string? Name = null);

/// <summary>The message a follow-up answers, so mail clients keep the sequence in one thread (RFC 5322 §3.6.4).</summary>
/// <param name="ParentMessageId">The Message-ID (without angle brackets) of the previous email of the sequence.</param>
/// <param name="ParentReferences">That email's own References, oldest first.</param>
public sealed record OutreachThread(string ParentMessageId, IReadOnlyList<string> ParentReferences)
{
    /// <summary>The subject of a follow-up sent as a reply: "Re: " plus the original, once.</summary>
    public static string ReplySubject(string originalSubject, string language)
    {
        ArgumentNullException.ThrowIfNull(originalSubject);
        var prefix = "Re: ";
        return originalSubject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || originalSubject.StartsWith("RE :", StringComparison.OrdinalIgnoreCase)
            ? originalSubject
            : (language == "fr" ? "RE : " : prefix) + originalSubject;
    }
}
