using Avenir.Grains.Outreach.Mailboxes;
using Avenir.Silo.Outreach.Sending;

namespace Avenir.Silo.Outreach.Campaigns;

/// <summary>The mailboxes' limits from <c>Outreach:Mailboxes:{id}:Limits</c>, read live (a lowered limit applies at the next send).</summary>
public sealed class ConfiguredMailboxLimits(IOptionsMonitor<OutreachOptions> options) : IMailboxLimits
{
    public MailboxLimitValues? For(string mailboxId) =>
        options.CurrentValue.Mailboxes.TryGetValue(mailboxId, out var mailbox)
            ? new(mailbox.Limits.DailyLimit, mailbox.Limits.MinimumSpacing, mailbox.Limits.MaximumJitter)
            : null;
}
