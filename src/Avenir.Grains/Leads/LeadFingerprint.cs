using System.Security.Cryptography;
using System.Text;

namespace Avenir.Grains.Leads;

/// <summary>
/// What makes two submissions "the same lead" for duplicate detection (<c>lead_memory.dedupe_hash</c>):
/// the sender's address and the message, compared without case or extra white space, because a
/// double-clicked or re-sent form differs in nothing else that matters.
/// </summary>
public static class LeadFingerprint
{
    public static string Of(LeadSubmission lead)
    {
        var normalized = lead.Email.Trim().ToLowerInvariant()
            + "\n"
            + string.Join(' ', lead.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
