namespace Avenir.Contracts.Leads;

/// <summary>
/// <c>lead_memory.auto_reply_reason</c> (V40): why a lead got no auto-reply, or why its reply is unconfirmed. The
/// dashboard shows each in the user's language (<c>wwwroot/js/vocabulary.js</c> lists them).
/// </summary>
public static class AutoReplyReasons
{
    /// <summary>The client turned personalised replies off.</summary>
    public const string Disabled = "disabled";

    public const string LeadDeleted = "lead_deleted";

    /// <summary>The enrichment did not finish in time: without it the reply could answer spam.</summary>
    public const string NotEnriched = "not_enriched";

    public const string EnrichmentFailed = "enrichment_failed";

    public const string Spam = "spam";

    /// <summary>The address already got its share of auto-replies (this client's, or all clients' together).</summary>
    public const string RecipientLimit = "recipient_limit";

    /// <summary>This lead's reply would have passed the client's hourly limit; the client's replies are now paused.</summary>
    public const string ClientLimit = "client_limit";

    /// <summary>The client's replies are paused (after reaching the hourly limit) until the client resumes them.</summary>
    public const string Paused = "paused";

    /// <summary>The sending attempt was interrupted after the reservation: the reply may or may not have gone out.</summary>
    public const string Interrupted = "interrupted";

    public static readonly IReadOnlyList<string> All =
        [Disabled, LeadDeleted, NotEnriched, EnrichmentFailed, Spam, RecipientLimit, ClientLimit, Paused, Interrupted];
}
