using Avenir.Grains.Outreach.Sending;

namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>The campaign's pure rules: which status changes are allowed, what its settings must hold, the follow-up subject.</summary>
public static class CampaignRules
{
    /// <summary>Soft bounces (4.x.x) of one email before it counts as a hard bounce.</summary>
    public const int SoftBouncesBeforeHard = 3;

    /// <summary>How a consent refusal at the send starts <c>outreach_emails.last_error</c> (then the ConsentCheck code and reason).</summary>
    public const string ConsentMissing = "consent_missing";

    /// <summary>How long a soft-bounced or retryable email waits when the server did not say.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromHours(1);

    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (CampaignStatuses.Draft, CampaignStatuses.Active) => true,
        (CampaignStatuses.Active, CampaignStatuses.Paused) => true,
        (CampaignStatuses.Paused, CampaignStatuses.Active) => true,
        (CampaignStatuses.Draft or CampaignStatuses.Active or CampaignStatuses.Paused, CampaignStatuses.Completed) => true,
        _ => false,
    };

    public static bool CanEdit(string status) => status is CampaignStatuses.Draft or CampaignStatuses.Paused;

    /// <summary>The first problem with a campaign's definition (code, message), or null.</summary>
    public static (string Code, string Message)? Check(string name, CampaignSettings settings)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return ("invalid_name", "A campaign has a name of 1 to 200 characters.");
        }

        if (settings.TemplateEn is null && settings.TemplateFr is null)
        {
            return ("template_required", "A campaign needs an English or a French template.");
        }

        if (string.IsNullOrWhiteSpace(settings.Sender.MailboxId) || string.IsNullOrWhiteSpace(settings.Sender.Address)
            || string.IsNullOrWhiteSpace(settings.Sender.PostalAddress) || string.IsNullOrWhiteSpace(settings.Sender.Company))
        {
            return ("sender_incomplete", "The sender needs a mailbox, an address, a company and a postal address (CASL).");
        }

        if (ZonedTime.Find(settings.DefaultTimeZone) is null)
        {
            return ("invalid_time_zone", $"'{settings.DefaultTimeZone}' is not a known IANA time zone.");
        }

        if (settings.FollowUpBusinessDays.Any(d => d is < 1 or > 60) || settings.FollowUpBusinessDays.Count > 5)
        {
            return ("invalid_follow_up_schedule", "Up to 5 follow-ups, each 1 to 60 business days after the one before.");
        }

        if (settings.Window.Days.Count == 0 || settings.Window.End <= settings.Window.Start)
        {
            return ("invalid_window", "The send window needs at least one day and must end after it starts.");
        }

        if (settings.BounceRatePauseThreshold is <= 0 or > 100 || settings.BounceRateMinimumSends < 1)
        {
            return ("invalid_bounce_threshold", "The bounce threshold is a percentage in (0, 100] judged after at least one send.");
        }

        return null;
    }

    public static SendWindow Window(CampaignWindow window) => new(window.Days.ToArray(), window.Start, window.End);

    /// <summary>A follow-up answers the first email in its thread: "Re: " (EN) or "RE : " (FR) plus its subject, once.</summary>
    public static string FollowUpSubject(string firstSubject, string language) =>
        firstSubject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || firstSubject.StartsWith("RE :", StringComparison.OrdinalIgnoreCase)
            ? firstSubject
            : (language == "fr" ? "RE : " : "Re: ") + firstSubject;

    public static bool ShouldAutoPause(CampaignMetrics metrics, CampaignSettings settings) =>
        metrics.Sent >= settings.BounceRateMinimumSends && metrics.BounceRate >= settings.BounceRatePauseThreshold;
}
