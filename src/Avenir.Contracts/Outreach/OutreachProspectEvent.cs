namespace Avenir.Contracts.Outreach;

/// <summary>
/// An outreach event of one prospect (sent, opened, replied, bounced, …) with the prospect's industry, as the campaign
/// grain emits it once recorded: what the prospects' industry-performance aggregate takes.
/// </summary>
/// <param name="Action">One of <see cref="OutreachActions"/>.</param>
/// <param name="ResponseTime">For a reply: the time since the email was sent.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.OutreachProspectEvent")]
public sealed record class OutreachProspectEvent(
    [property: Id(0)] Guid ProspectId,
    [property: Id(1)] string? Industry,
    [property: Id(2)] string Action,
    [property: Id(3)] Guid CampaignId,
    [property: Id(4)] Guid EmailId,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] TimeSpan? ResponseTime);
