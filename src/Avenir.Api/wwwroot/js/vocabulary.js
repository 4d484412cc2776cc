// The closed sets the web UI offers and names, as the API's contracts define them (Avenir.Contracts: LeadLabels,
// LeadActionTypes, AutoReplyReasons; SettingsApi.Tones). VocabularyTests fails when they drift apart, or when a value has no EN or FR name.

/** The 12 intents (LeadLabels.Intents). */
export const INTENTS = ['demo_request', 'pricing_quote', 'service_inquiry', 'appointment_booking', 'b2b_partnership', 'support_request',
  'complaint', 'job_application', 'media_inquiry', 'general_inquiry', 'vendor_pitch', 'spam'];

/** LeadLabels.Urgencies. */
export const URGENCIES = ['High', 'Medium', 'Low'];

/** The tones the enrichment gives a lead (LeadLabels.Tones). */
export const LEAD_TONES = ['Professional', 'Friendly', 'Formal', 'Casual', 'Frustrated', 'Enthusiastic'];

/** The tones a client chooses for its replies (SettingsApi.Tones). */
export const EMAIL_TONES = ['Professional', 'Friendly', 'Formal', 'Energetic'];

/** The tags offered in one click (any text is a tag). */
export const TAGS = ['Hot Lead', 'Warm', 'Cold'];

/** lead_actions.action_type (LeadActionTypes.All). */
export const LEAD_ACTIONS = ['created', 'tagged', 'archived', 'deleted', 'restored', 'reactivated', 'converted', 'reverted', 'reanalyzed',
  'duplicate_merged', 'note_added', 'note_edited', 'note_deleted', 'enrichment_corrected', 'auto_reply_replied', 'auto_reply_bounced',
  'ai_fallback'];

/** lead_memory.auto_reply_reason (AutoReplyReasons.All): why a lead got no reply, or why its reply is unconfirmed. */
export const AUTO_REPLY_REASONS = ['disabled', 'lead_deleted', 'not_enriched', 'enrichment_failed', 'spam', 'recipient_limit', 'client_limit',
  'paused', 'interrupted'];

/** prospect_candidates.sources (ProspectSources): where a prospect was found, most trusted first. */
export const PROSPECT_SOURCES = ['csv', 'pdl', 'apollo', 'google'];

/** outreach_campaigns.status (CampaignStatuses.All). */
export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed'];
