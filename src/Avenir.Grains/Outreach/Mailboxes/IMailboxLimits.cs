namespace Avenir.Grains.Outreach.Mailboxes;

/// <summary>
/// A mailbox's own limits (daily limit, spacing, jitter), from the silo's configuration (<c>Outreach:Mailboxes:{id}:Limits</c>):
/// the mailbox grain asks here, never its callers, so no campaign can raise them.
/// </summary>
public interface IMailboxLimits
{
    /// <summary>The limits of <paramref name="mailboxId"/>, or null when no such mailbox is configured (nothing may be sent).</summary>
    MailboxLimitValues? For(string mailboxId);
}

/// <summary>A mailbox's limits without the window (the campaign gives that).</summary>
public sealed record MailboxLimitValues(int DailyLimit, TimeSpan MinimumSpacing, TimeSpan MaximumJitter);
