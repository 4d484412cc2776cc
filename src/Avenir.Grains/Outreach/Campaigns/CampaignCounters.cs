namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>The campaign's live totals in memory: loaded from <c>outreach_metrics</c> at activation, written back with every change.</summary>
public sealed class CampaignCounters
{
    public int Sent { get; set; }

    public int Opened { get; set; }

    public int Clicked { get; set; }

    public int Replied { get; set; }

    public int Bounced { get; set; }

    public int Unsubscribed { get; set; }

    public decimal Revenue { get; set; }

    public static CampaignCounters From(MetricsRow? row) => row is null
        ? new()
        : new()
        {
            Sent = row.TotalEmailsSent,
            Opened = row.TotalEmailsOpened,
            Clicked = row.TotalEmailsClicked,
            Replied = row.TotalEmailsReplied,
            Bounced = row.TotalEmailsBounced,
            Unsubscribed = row.TotalEmailsUnsubscribed,
            Revenue = row.RevenueGenerated,
        };

    public CampaignCounters Copy() => (CampaignCounters)MemberwiseClone();

    public CampaignMetrics Metrics() => CampaignMetrics.From(Sent, Opened, Clicked, Replied, Bounced, Unsubscribed, Revenue);
}
