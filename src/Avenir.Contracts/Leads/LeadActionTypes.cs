namespace Avenir.Contracts.Leads;

/// <summary>
/// <c>lead_actions.action_type</c> (the CHECK constraint of V26, widened by V35): what the grains write, the activity log shows and
/// the web UI names. One list for every layer.
/// </summary>
public static class LeadActionTypes
{
    public const string Created = "created";
    public const string Tagged = "tagged";
    public const string Archived = "archived";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string Reactivated = "reactivated";
    public const string Converted = "converted";
    public const string Reverted = "reverted";
    public const string Reanalyzed = "reanalyzed";
    public const string DuplicateMerged = "duplicate_merged";
    public const string NoteAdded = "note_added";
    public const string NoteEdited = "note_edited";
    public const string NoteDeleted = "note_deleted";
    public const string EnrichmentCorrected = "enrichment_corrected";

    /// <summary>The lead answered its auto-reply (V35).</summary>
    public const string AutoReplyReplied = "auto_reply_replied";

    /// <summary>The lead's auto-reply bounced (V35).</summary>
    public const string AutoReplyBounced = "auto_reply_bounced";

    /// <summary>An AI-written text (auto-reply, summary) was refused by its guardrails or failed; the metadata says why and what answered (V53).</summary>
    public const string AiFallback = "ai_fallback";

    public static readonly IReadOnlyList<string> All =
    [
        Created, Tagged, Archived, Deleted, Restored, Reactivated, Converted, Reverted, Reanalyzed, DuplicateMerged,
        NoteAdded, NoteEdited, NoteDeleted, EnrichmentCorrected, AutoReplyReplied, AutoReplyBounced, AiFallback,
    ];
}
