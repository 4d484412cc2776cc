-- V26: a user's correction of a lead's AI labels (intent, urgency, tone) is a lead action of its own,
-- 'enrichment_corrected' (docs/growth-brain.md); its feedback_tracking row is a 'user_action'.
-- The constraint is replaced whole: the list below is V11's plus the new type.
ALTER TABLE lead_actions DROP CONSTRAINT lead_actions_action_type_check;
ALTER TABLE lead_actions ADD CONSTRAINT lead_actions_action_type_check CHECK (action_type IN (
    'created', 'tagged', 'archived', 'deleted', 'restored', 'reactivated', 'converted', 'reverted',
    'reanalyzed', 'duplicate_merged', 'note_added', 'note_edited', 'note_deleted', 'enrichment_corrected'));

COMMENT ON COLUMN lead_actions.action_type IS
    'created, tagged, archived, deleted (soft), restored (undo delete), reactivated (undo archive), converted, reverted (conversion undone), reanalyzed, duplicate_merged, note_added/edited/deleted, enrichment_corrected (a user corrected the AI labels; metadata {fields, predicted, actual}).';
