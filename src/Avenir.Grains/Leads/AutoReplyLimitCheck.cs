namespace Avenir.Grains.Leads;

/// <summary>Which limit, if any, refuses one more auto-reply, given what was reserved in the last hour and day.</summary>
internal static class AutoReplyLimitCheck
{
    public sealed record Refused(string Reason, string Note);

    /// <summary>
    /// The address's limits come first (a person already answered is no reason to pause the client); the client's hourly
    /// limit last: reaching it withholds this reply and pauses the client's replies.
    /// </summary>
    public static Refused? Refusal(LeadProcessingRows.AutoReplyCounts counts, AutoReplyLimits limits)
    {
        if (counts.RecipientFromClientLastDay >= limits.PerRecipientPerClientPerDay)
        {
            return new Refused(AutoReplyReasons.RecipientLimit,
                $"This address already got {counts.RecipientFromClientLastDay} auto-reply(ies) from this business in the last 24 hours.");
        }

        if (counts.RecipientLastHour >= limits.PerRecipientPerHour || counts.RecipientLastDay >= limits.PerRecipientPerDay)
        {
            return new Refused(AutoReplyReasons.RecipientLimit,
                $"This address already got {counts.RecipientLastHour} auto-reply(ies) in the last hour and {counts.RecipientLastDay} in the "
                + "last 24 hours through Avenir.");
        }

        return counts.ClientLastHour >= limits.PerClientPerHour
            ? new Refused(AutoReplyReasons.ClientLimit,
                $"{counts.ClientLastHour} auto-replies in the last hour reached the limit of {limits.PerClientPerHour}: replies are paused.")
            : null;
    }
}
