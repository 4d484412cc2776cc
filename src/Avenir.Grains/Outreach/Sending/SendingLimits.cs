namespace Avenir.Grains.Outreach.Sending;

/// <summary>
/// The limits of one sending mailbox. Bound from <c>Outreach:Mailboxes:{id}:Limits</c> or set per campaign.
/// </summary>
/// <param name="DailyLimit">At most this many sends in any rolling 24 hours (not per calendar day: no midnight burst).</param>
/// <param name="MinimumSpacing">At least this long between two sends of the mailbox.</param>
/// <param name="MaximumJitter">Plus a pseudo-random extra delay in [0, this) after each send, so sends do not tick like a clock.</param>
/// <param name="Window">The recipient-local days and hours sends may happen in.</param>
public sealed record SendingLimits(int DailyLimit, TimeSpan MinimumSpacing, TimeSpan MaximumJitter, SendWindow Window)
{
    /// <summary>A cautious new mailbox: 50 a day, 2–5 minutes apart, weekdays 09:00–17:00.</summary>
    public static SendingLimits Default { get; } = new(50, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), SendWindow.BusinessHours);

    /// <summary>The rolling period of <see cref="DailyLimit"/>.</summary>
    public static readonly TimeSpan RollingPeriod = TimeSpan.FromHours(24);
}

/// <summary>What holds a send back.</summary>
public enum SendBlock
{
    /// <summary>Nothing: send now.</summary>
    None,

    /// <summary>The rolling 24-hour limit is used up.</summary>
    DailyLimit,

    /// <summary>The last send was too recent (spacing plus its jitter).</summary>
    Spacing,

    /// <summary>The recipient's window is closed (weekend, night).</summary>
    OutsideWindow,
}

/// <summary>The answer of <see cref="MailboxSendLimiter.Check"/>.</summary>
/// <param name="Allowed">Whether the send may happen now.</param>
/// <param name="NextAllowedAt">Now when allowed; else the first instant all limits allow (exact: a reminder set for it will pass).</param>
/// <param name="Reason">What decided <paramref name="NextAllowedAt"/> (the window when it moved it, else the latest limit).</param>
/// <param name="SentInLast24Hours">Sends counted in the rolling period.</param>
public sealed record SendPermission(bool Allowed, DateTimeOffset NextAllowedAt, SendBlock Reason, int SentInLast24Hours);
