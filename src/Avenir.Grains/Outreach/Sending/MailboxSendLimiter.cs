namespace Avenir.Grains.Outreach.Sending;

/// <summary>
/// The sending limits of one mailbox, checked at the send call (never at enqueue: a queue that was allowed yesterday
/// must still wait today). Pure over the clock and the mailbox's recent send instants, so the one grain per mailbox
/// can enforce it whichever silo it runs on: the grain checks, records the instant, then sends.
/// </summary>
public sealed class MailboxSendLimiter(TimeProvider time)
{
    /// <summary>
    /// May <paramref name="mailboxId"/> send to a recipient in <paramref name="recipientZone"/> now, and if not, when?
    /// </summary>
    /// <param name="mailboxId">The sending mailbox (seeds the jitter).</param>
    /// <param name="limits">The mailbox's limits and the campaign's window.</param>
    /// <param name="recentSends">The mailbox's send instants, at least those of the last 24 hours (older ones are ignored).</param>
    /// <param name="recipientZone">The recipient's time zone, where the window applies.</param>
    public SendPermission Check(string mailboxId, SendingLimits limits, IReadOnlyCollection<DateTimeOffset> recentSends, TimeZoneInfo recipientZone)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(recentSends);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.DailyLimit);
        var now = time.GetUtcNow();

        // Instants after now count too: another silo's clock may run slightly ahead.
        var inPeriod = recentSends.Where(sent => sent > now - SendingLimits.RollingPeriod).Order().ToList();
        var earliest = now;
        var reason = SendBlock.None;

        if (limits.DailyLimit == 0)
        {
            return new SendPermission(false, DateTimeOffset.MaxValue, SendBlock.DailyLimit, inPeriod.Count);
        }

        if (inPeriod.Count >= limits.DailyLimit)
        {
            // The send that must leave the period so one more fits: at its instant + 24 h the period (t − 24 h, t] drops it.
            var frees = inPeriod[inPeriod.Count - limits.DailyLimit] + SendingLimits.RollingPeriod;
            if (frees > earliest)
            {
                earliest = frees;
                reason = SendBlock.DailyLimit;
            }
        }

        if (recentSends.Count > 0)
        {
            var last = recentSends.Max();
            var spaced = last + limits.MinimumSpacing + SpacingJitter.For(mailboxId, last, limits.MaximumJitter);
            if (spaced > earliest)
            {
                earliest = spaced;
                reason = SendBlock.Spacing;
            }
        }

        var opening = limits.Window.NextOpening(earliest, recipientZone);
        if (opening > earliest)
        {
            earliest = opening;
            reason = SendBlock.OutsideWindow;
        }

        return new SendPermission(earliest == now, earliest, reason, inPeriod.Count);
    }

    /// <summary>The instants worth keeping after a send: those still inside the rolling period (the grain's state stays small).</summary>
    public IReadOnlyList<DateTimeOffset> Prune(IEnumerable<DateTimeOffset> sends)
    {
        var cutoff = time.GetUtcNow() - SendingLimits.RollingPeriod;
        return sends.Where(sent => sent > cutoff).Order().ToList();
    }
}
