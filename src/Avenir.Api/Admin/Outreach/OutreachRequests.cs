using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>Checks of request parts the grains take as they are (a JSON null where a contract says a string would reach them).</summary>
public static class OutreachRequests
{
    /// <summary>Why a sender is not usable, or null.</summary>
    public static string? SenderProblem(CampaignSender sender) =>
        string.IsNullOrWhiteSpace(sender.MailboxId) || string.IsNullOrWhiteSpace(sender.Name) || string.IsNullOrWhiteSpace(sender.Address)
        || string.IsNullOrWhiteSpace(sender.Company) || string.IsNullOrWhiteSpace(sender.PostalAddress)
            ? "sender needs mailboxId, name, address, company and postalAddress (CASL: every message carries the sender's identity and postal address)."
            : null;
}
