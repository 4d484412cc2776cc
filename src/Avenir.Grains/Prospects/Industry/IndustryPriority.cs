namespace Avenir.Grains.Prospects.Industry;

/// <summary>
/// An industry's priority 0–100 (docs/prospects.md "Industry performance"): how well outreach to it works, smoothed so a
/// handful of emails does not swing it. Rates are shrunk toward a prior by <see cref="PriorContacts"/> pseudo-contacts
/// (5 % replies, 30 % opens), then
/// <c>priority = 100 × (0.7 × min(1, reply / 10 %) + 0.3 × min(1, open / 60 %))</c>, rounded to 2 decimals.
/// No outreach yet gives 50 (the table's default, "unknown"); replies weigh more than opens because a reply is the
/// outcome and opens are unreliable (image blocking, privacy proxies).
/// </summary>
public static class IndustryPriority
{
    public const int PriorContacts = 20;
    public const double PriorReplyRate = 0.05;
    public const double PriorOpenRate = 0.30;
    public const double FullReplyRate = 0.10;
    public const double FullOpenRate = 0.60;

    public static decimal Compute(int contacted, int opened, int replied)
    {
        var reply = (replied + (PriorReplyRate * PriorContacts)) / (contacted + PriorContacts);
        var open = (opened + (PriorOpenRate * PriorContacts)) / (contacted + PriorContacts);
        var priority = 100 * ((0.7 * Math.Min(1, reply / FullReplyRate)) + (0.3 * Math.Min(1, open / FullOpenRate)));
        return Math.Round((decimal)Math.Clamp(priority, 0, 100), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>A percentage 0–100 of <paramref name="part"/> in <paramref name="whole"/> (0 when nothing yet), 2 decimals, capped.</summary>
    public static decimal Rate(int part, int whole) =>
        whole == 0 ? 0 : Math.Min(100, Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero));
}
