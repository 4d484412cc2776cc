using Avenir.Contracts.Leads;

namespace Avenir.Silo.AutoReply;

/// <summary>The auto-reply job (configuration section <c>AutoReply</c>).</summary>
public sealed class AutoReplyOptions
{
    public const string Section = "AutoReply";

    /// <summary>
    /// How long after the lead was queued the reply waits for the lead's enrichment (its language and intent: a reply
    /// to spam must not go out). After that no reply is sent (withheld, <c>not_enriched</c>): the reply fails closed.
    /// </summary>
    public TimeSpan EnrichmentWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often, while waiting, the job looks again.</summary>
    public TimeSpan EnrichmentPoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per recipient and per client (docs/security.md: what an attacker with a form key can cause).</summary>
    public AutoReplyLimits Limits { get; set; } = new();

    /// <summary>Tries to record a sent reply before the job gives up (the message is out: the record must follow).</summary>
    public int MarkSentAttempts { get; set; } = 5;
}
