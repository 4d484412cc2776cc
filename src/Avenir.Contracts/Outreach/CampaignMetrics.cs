namespace Avenir.Contracts.Outreach;

/// <summary>
/// A campaign's live totals (<c>outreach_metrics</c>), kept by its grain: each counts emails (an email opened twice is
/// one open). Delivered = sent − bounced (no receipt is asked for). Rates are percent 0–100: bounce of sent, the others
/// of delivered. Opens are a weak signal (image proxies open everything) and never drive a sequence or an A/B test.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignMetrics")]
public sealed record class CampaignMetrics(
    [property: Id(0)] int Sent,
    [property: Id(1)] int Delivered,
    [property: Id(2)] int Opened,
    [property: Id(3)] int Clicked,
    [property: Id(4)] int Replied,
    [property: Id(5)] int Bounced,
    [property: Id(6)] int Unsubscribed,
    [property: Id(7)] double OpenRate,
    [property: Id(8)] double ClickRate,
    [property: Id(9)] double ReplyRate,
    [property: Id(10)] double BounceRate,
    [property: Id(11)] decimal RevenueGenerated)
{
    public static CampaignMetrics Empty { get; } = From(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The totals with their rates computed.</summary>
    public static CampaignMetrics From(int sent, int opened, int clicked, int replied, int bounced, int unsubscribed, decimal revenue)
    {
        var delivered = Math.Max(0, sent - bounced);
        return new(sent, delivered, opened, clicked, replied, bounced, unsubscribed,
            Percent(opened, delivered), Percent(clicked, delivered), Percent(replied, delivered), Percent(bounced, sent), revenue);
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(Math.Min(100.0, 100.0 * part / whole), 2);
}
