namespace Avenir.Contracts.Leads;

/// <summary>
/// How many auto-replies one address and one client may cause (configuration <c>AutoReply:Limits</c>; the documented
/// figures are in docs/security.md). Counted from reservations, so a reply whose send was interrupted counts too.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Leads.AutoReplyLimits")]
public sealed record class AutoReplyLimits
{
    /// <summary>Replies one client may send in any hour; the one over it pauses the client's replies.</summary>
    [Id(0)] public int PerClientPerHour { get; init; } = 30;

    /// <summary>Replies one address may get from one client in 24 hours (a person who writes twice is answered once).</summary>
    [Id(1)] public int PerRecipientPerClientPerDay { get; init; } = 1;

    /// <summary>Replies one address may get from all clients together in any hour.</summary>
    [Id(2)] public int PerRecipientPerHour { get; init; } = 2;

    /// <summary>Replies one address may get from all clients together in 24 hours.</summary>
    [Id(3)] public int PerRecipientPerDay { get; init; } = 5;
}
