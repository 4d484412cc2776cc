namespace Avenir.Contracts.Leads;

// The dashboard's commands on a lead. Each writes the lead and its lead_actions row (performed_by = the
// signed-in user's email) in one tenant transaction; conversions also write feedback_tracking. A lead of
// another tenant is simply not found (row-level security hides it from this grain's transactions).
public partial interface ILeadGrain
{
    /// <summary>Sets the lead's tag (action <c>tagged</c>).</summary>
    [Alias("Tag")]
    Task<LeadCommandResult> TagAsync(string tag, string performedBy);

    /// <summary>Archives the lead (action <c>archived</c>).</summary>
    [Alias("Archive")]
    Task<LeadCommandResult> ArchiveAsync(string performedBy);

    /// <summary>Takes the lead out of the archive (action <c>reactivated</c>).</summary>
    [Alias("Unarchive")]
    Task<LeadCommandResult> UnarchiveAsync(string performedBy);

    /// <summary>Soft-deletes the lead: <c>deleted</c> + <c>deleted_at</c>, restorable (action <c>deleted</c>).</summary>
    [Alias("SoftDelete")]
    Task<LeadCommandResult> SoftDeleteAsync(string performedBy);

    /// <summary>Undoes a soft delete (action <c>restored</c>).</summary>
    [Alias("Restore")]
    Task<LeadCommandResult> RestoreAsync(string performedBy);

    /// <summary>Makes the lead active again whatever it was: neither archived nor deleted (action <c>reactivated</c>).</summary>
    [Alias("Reactivate")]
    Task<LeadCommandResult> ReactivateAsync(string performedBy);

    /// <summary>Marks the lead converted (<c>converted_at</c>, tag <c>Converted</c>); feedback <c>lead_conversion</c> positive.</summary>
    [Alias("Convert")]
    Task<LeadCommandResult> ConvertAsync(string performedBy);

    /// <summary>Undoes a conversion, with the reason (action <c>reverted</c>); feedback <c>lead_conversion</c> negative.</summary>
    [Alias("RevertConversion")]
    Task<LeadCommandResult> RevertConversionAsync(string reason, string performedBy);

    /// <summary>Adds a note (action <c>note_added</c>).</summary>
    [Alias("AddNote")]
    Task<LeadNoteResult> AddNoteAsync(string text, string performedBy);

    /// <summary>Edits a note, keeping the previous text in its <c>edit_history</c> (action <c>note_edited</c>).</summary>
    [Alias("EditNote")]
    Task<LeadNoteResult> EditNoteAsync(Guid noteId, string text, string performedBy);

    /// <summary>Soft-deletes a note (<c>deleted_at</c>; action <c>note_deleted</c>).</summary>
    [Alias("DeleteNote")]
    Task<LeadNoteResult> DeleteNoteAsync(Guid noteId, string performedBy);

    /// <summary>
    /// Erases the lead for a data-subject request: the row and, by cascade, its actions, notes and request
    /// logs; conversion feedback keeps its learning record without the lead. Returns false when not found.
    /// </summary>
    [Alias("Erase")]
    Task<bool> EraseAsync(string performedBy);
}
