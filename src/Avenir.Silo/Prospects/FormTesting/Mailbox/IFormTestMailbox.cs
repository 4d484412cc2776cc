namespace Avenir.Silo.Prospects.FormTesting.Mailbox;

/// <summary>The mailbox the tests' answers arrive in. Reading it never changes it: nothing is deleted, moved or marked read.</summary>
public interface IFormTestMailbox
{
    /// <summary>
    /// Messages addressed to <paramref name="replyAddress"/> (To, Cc, Delivered-To, X-Original-To) received since <paramref name="since"/>,
    /// oldest first.
    /// </summary>
    Task<IReadOnlyList<MailboxReply>> FindRepliesAsync(string replyAddress, DateTimeOffset since, CancellationToken cancellationToken);
}
