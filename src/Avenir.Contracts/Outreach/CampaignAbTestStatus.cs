namespace Avenir.Contracts.Outreach;

/// <summary>
/// Where one language's in-campaign A/B test of first-email templates stands: each arm's prospects (delivered first
/// emails) and how many of them clicked or replied anywhere in their sequence, the test of the deciding rate, and the
/// winner once significant. Open rates are shown, never decide (image proxies load every pixel).
/// </summary>
/// <param name="Outcome"><c>insufficient_sample</c>, <c>no_significant_difference</c> or <c>winner</c>.</param>
/// <param name="PValue">Two-sided p-value of the deciding rate's two-proportion z-test; null before the minimum sample.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignAbTestStatus")]
public sealed record class CampaignAbTestStatus(
    [property: Id(0)] string Language,
    [property: Id(1)] Guid TemplateA,
    [property: Id(2)] Guid TemplateB,
    [property: Id(3)] string DecidingMetric,
    [property: Id(4)] long DeliveredA,
    [property: Id(5)] long DeliveredB,
    [property: Id(6)] long ClickedA,
    [property: Id(7)] long ClickedB,
    [property: Id(8)] long RepliedA,
    [property: Id(9)] long RepliedB,
    [property: Id(10)] double OpenRateA,
    [property: Id(11)] double OpenRateB,
    [property: Id(12)] double? PValue,
    [property: Id(13)] string Outcome,
    [property: Id(14)] string? Winner,
    [property: Id(15)] string Reason);
