using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>
/// Checks of request parts the grains take as they are: a JSON null where a contract says a string or a list would
/// reach them (and fail there as a 500). The grains judge the rest (names, zones, schedules, templates).
/// </summary>
public static class OutreachRequests
{
    /// <summary>Why a sender is not usable, or null.</summary>
    public static string? SenderProblem(CampaignSender sender) =>
        string.IsNullOrWhiteSpace(sender.MailboxId) || string.IsNullOrWhiteSpace(sender.Name) || string.IsNullOrWhiteSpace(sender.Address)
        || string.IsNullOrWhiteSpace(sender.Company) || string.IsNullOrWhiteSpace(sender.PostalAddress)
            ? "sender needs mailboxId, name, address, company and postalAddress (CASL: every message carries the sender's identity and postal address)."
            : null;

    /// <summary>The target with absent lists as empty ones; null when it holds a null entry.</summary>
    public static CampaignTarget? Target(CampaignTarget? target)
    {
        if (target is null)
        {
            return CampaignTarget.Everyone;
        }

        var normalized = target with { Industries = target.Industries ?? [], Regions = target.Regions ?? [] };
        return normalized.Industries.Any(string.IsNullOrWhiteSpace) || normalized.Regions.Any(string.IsNullOrWhiteSpace) ? null : normalized;
    }

    /// <summary>The parameter and the reason the settings cannot be given to the grain, or null.</summary>
    public static (string Parameter, string Detail)? SettingsProblem(CampaignSettings? settings)
    {
        if (settings is null)
        {
            return ("settings", "settings is required: sender, templateEn/templateFr, followUpBusinessDays, window, defaultTimeZone.");
        }

        if (settings.Sender is null || SenderProblem(settings.Sender) is not null)
        {
            return ("settings.sender", SenderProblem(settings.Sender ?? new CampaignSender("", "", "", "", "")) ?? "");
        }

        if (settings.FollowUpBusinessDays is null)
        {
            return ("settings.followUpBusinessDays", "followUpBusinessDays is required (e.g. [3, 7]; [] for no follow-up).");
        }

        if (settings.Window?.Days is null || settings.Window.Days.Any(day => !Enum.IsDefined(day)))
        {
            return ("settings.window", "window needs days (0 = Sunday … 6 = Saturday), start and end (e.g. \"09:00:00\").");
        }

        if (string.IsNullOrWhiteSpace(settings.DefaultTimeZone))
        {
            return ("settings.defaultTimeZone", "defaultTimeZone is an IANA zone, e.g. America/Toronto.");
        }

        if (settings.AbTest is { } ab && ab.DecidingMetric is not ("reply" or "click"))
        {
            return ("settings.abTest.decidingMetric", "decidingMetric is reply or click (opens never decide).");
        }

        return null;
    }
}
