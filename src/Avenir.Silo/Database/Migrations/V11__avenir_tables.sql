-- V11: the Avenir tables (the 26 tables of the original system's documentation).
--
-- Field names of the original documentation are kept (clients of the original system know them);
-- additions are commented. Decision record: docs/decisions/0002-schema.md.
--
-- Conventions
--   * ids are uuid with gen_random_uuid() defaults (core PostgreSQL 13+, no extension).
--   * Tenant tables carry client_id uuid REFERENCES clients(client_id) and every index on them
--     leads with client_id (the uuid primary key and the clients credential look-ups excepted).
--     Children of a tenant row reference it by (client_id, id) so a row can never point into
--     another tenant.
--   * Enumerations are text with CHECK constraints; open vocabularies are snake_case-checked.
--   * created_at on every table; updated_at on every table whose rows change, maintained by
--     avenir_touch_updated_at() unless the statement sets it itself. Append-only logs
--     (lead_actions, integration_logs, outreach_tracking, performance_metrics, prompt_evolution)
--     have no updated_at.
--   * Rates documented as "percentage" are 0-100; scores documented as 0.0-1.0 are 0-1.
--   * No extensions: case-insensitive uniqueness by lower() expression indexes, embeddings as real[].

-- ---------------------------------------------------------------------------------------------
-- Shared trigger: keep updated_at current.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION avenir_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    -- A statement that sets updated_at itself (a grain using its TimeProvider) wins.
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION avenir_touch_updated_at() IS
    'BEFORE UPDATE trigger: sets updated_at = now() unless the UPDATE assigned updated_at itself.';

-- =============================================================================================
-- 1. Client management
-- =============================================================================================
CREATE TABLE clients (
    id                          uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    api_key_hash                text        NOT NULL,
    api_key_prefix              text        NOT NULL,
    api_key_rotated_at          timestamptz,
    previous_api_key_hash       text,
    previous_api_key_expires_at timestamptz,
    form_key                    text        NOT NULL DEFAULT ('pk_' || replace(gen_random_uuid()::text, '-', '')),
    business_name               text        NOT NULL,
    email                       text        NOT NULL,
    password_hash               text,
    language                    text        NOT NULL DEFAULT 'en',
    email_tone                  text        NOT NULL DEFAULT 'Professional',
    ai_personalized_reply       boolean     NOT NULL DEFAULT true,
    booking_link                text,
    industry                    text,
    allowed_origins             text[]      NOT NULL DEFAULT '{}',
    thank_you_url               text,
    last_connection             timestamptz,
    last_login_at               timestamptz,
    failed_login_count          integer     NOT NULL DEFAULT 0,
    locked_until                timestamptz,
    is_admin                    boolean     NOT NULL DEFAULT false,
    is_test                     boolean     NOT NULL DEFAULT false,
    is_internal                 boolean     NOT NULL DEFAULT false,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT clients_client_id_unique UNIQUE (client_id),
    CONSTRAINT clients_api_key_hash_format CHECK (api_key_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT clients_api_key_prefix_format CHECK (char_length(api_key_prefix) BETWEEN 4 AND 32),
    CONSTRAINT clients_previous_api_key_hash_format CHECK (previous_api_key_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT clients_previous_api_key_pair
        CHECK ((previous_api_key_hash IS NULL) = (previous_api_key_expires_at IS NULL)),
    CONSTRAINT clients_previous_api_key_differs CHECK (previous_api_key_hash <> api_key_hash),
    CONSTRAINT clients_form_key_format CHECK (form_key ~ '^[A-Za-z0-9_-]{16,64}$'),
    CONSTRAINT clients_business_name_not_blank CHECK (btrim(business_name) <> ''),
    CONSTRAINT clients_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT clients_language_check CHECK (language IN ('en', 'fr')),
    CONSTRAINT clients_email_tone_check CHECK (email_tone IN ('Professional', 'Friendly', 'Formal', 'Energetic')),
    CONSTRAINT clients_booking_link_format CHECK (booking_link ~* '^https?://'),
    CONSTRAINT clients_thank_you_url_format CHECK (thank_you_url ~* '^https?://'),
    CONSTRAINT clients_allowed_origins_shape CHECK (array_position(allowed_origins, NULL) IS NULL),
    CONSTRAINT clients_failed_login_count_check CHECK (failed_login_count >= 0),
    CONSTRAINT clients_admin_is_internal CHECK (NOT is_admin OR is_internal)
);

-- Credential look-ups happen before the tenant is known and must be unique across tenants, so these
-- indexes cannot lead with client_id (see the decision record).
CREATE UNIQUE INDEX clients_api_key_hash_unique ON clients (api_key_hash);
CREATE UNIQUE INDEX clients_previous_api_key_hash_unique ON clients (previous_api_key_hash)
    WHERE previous_api_key_hash IS NOT NULL;
CREATE UNIQUE INDEX clients_form_key_unique ON clients (form_key);
CREATE UNIQUE INDEX clients_email_lower_unique ON clients (lower(email));

COMMENT ON TABLE clients IS
    'Client accounts (tenants) and internal Avenir accounts. id is internal; client_id is the public identifier used by every other table, grain keys and URLs.';
COMMENT ON COLUMN clients.id IS 'Internal primary key; never exposed. Use client_id everywhere else.';
COMMENT ON COLUMN clients.client_id IS 'Public client identifier (tenant key): grain key, URLs, RLS setting avenir.client_id.';
COMMENT ON COLUMN clients.api_key_hash IS
    'Replaces the original plaintext api_key: lowercase hex SHA-256 of the full API key (>= 128 random bits). The key itself is shown once at creation/rotation and never stored.';
COMMENT ON COLUMN clients.api_key_prefix IS 'Visible, non-secret start of the current API key, shown in the dashboard and in masked logs.';
COMMENT ON COLUMN clients.api_key_rotated_at IS 'When the current API key was issued by a rotation (NULL: the key from registration).';
COMMENT ON COLUMN clients.previous_api_key_hash IS
    'SHA-256 hex of the key replaced by the last rotation; still accepted until previous_api_key_expires_at (rotation without downtime).';
COMMENT ON COLUMN clients.previous_api_key_expires_at IS 'End of the grace period of previous_api_key_hash; set together with it.';
COMMENT ON COLUMN clients.form_key IS
    'Publishable key for plain HTML forms (not a secret: it appears in the client''s page); only valid from allowed_origins and rate limited.';
COMMENT ON COLUMN clients.email IS 'Login email; unique case-insensitively (clients_email_lower_unique).';
COMMENT ON COLUMN clients.password_hash IS
    'PHC-format password hash (Argon2id or PBKDF2 at OWASP ASVS strength). NULL: no password set yet, login impossible.';
COMMENT ON COLUMN clients.email_tone IS 'Tone of the automated replies: Professional, Friendly, Formal or Energetic.';
COMMENT ON COLUMN clients.ai_personalized_reply IS 'When true, every new lead gets an automated personalised reply.';
COMMENT ON COLUMN clients.industry IS 'Client''s industry, used for branding and reply wording.';
COMMENT ON COLUMN clients.allowed_origins IS
    'Origins (scheme://host[:port]) allowed to post leads from a browser (CORS, form key). Empty: no browser origin allowed.';
COMMENT ON COLUMN clients.thank_you_url IS 'Where the redirect mode sends the visitor (303) after a plain HTML form post.';
COMMENT ON COLUMN clients.last_connection IS 'When the last lead was received (connection health).';
COMMENT ON COLUMN clients.last_login_at IS 'Last successful dashboard login.';
COMMENT ON COLUMN clients.failed_login_count IS 'Consecutive failed logins; reset on success. Drives locked_until.';
COMMENT ON COLUMN clients.locked_until IS 'Login refused until this time after too many failures (NULL: not locked).';
COMMENT ON COLUMN clients.is_admin IS 'Internal user with the admin role (agency); requires is_internal.';
COMMENT ON COLUMN clients.is_test IS 'Test/demo account; excluded from analytics.';
COMMENT ON COLUMN clients.is_internal IS 'Internal Avenir account.';

-- =============================================================================================
-- 2. Lead processing
-- =============================================================================================
CREATE TABLE lead_memory (
    id                    uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id             uuid         NOT NULL REFERENCES clients (client_id),
    name                  text,
    email                 text         NOT NULL,
    phone                 text,
    company               text,
    message               text         NOT NULL,
    language              text,
    ai_summary            text,
    intent                text,
    tone                  text,
    urgency               text,
    confidence_score      numeric(3,2),
    tone_history          jsonb        NOT NULL DEFAULT '[]',
    confidence_history    jsonb        NOT NULL DEFAULT '[]',
    urgency_history       jsonb        NOT NULL DEFAULT '[]',
    enrichment_status     text         NOT NULL DEFAULT 'pending',
    enrichment_model      text,
    enriched_at           timestamptz,
    auto_reply_sent_at    timestamptz,
    archived              boolean      NOT NULL DEFAULT false,
    archived_at           timestamptz,
    deleted               boolean      NOT NULL DEFAULT false,
    deleted_at            timestamptz,
    current_tag           text,
    idempotency_key       text,
    request_hash          text,
    dedupe_hash           text         NOT NULL,
    duplicate_count       integer      NOT NULL DEFAULT 0,
    last_duplicate_at     timestamptz,
    metadata              jsonb        NOT NULL DEFAULT '{}',
    is_test               boolean      NOT NULL DEFAULT false,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    updated_at            timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT lead_memory_client_id_id_unique UNIQUE (client_id, id),
    CONSTRAINT lead_memory_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT lead_memory_message_not_blank CHECK (btrim(message) <> ''),
    CONSTRAINT lead_memory_language_check CHECK (language IN ('en', 'fr')),
    CONSTRAINT lead_memory_intent_check CHECK (intent IN (
        'demo_request', 'pricing_quote', 'b2b_partnership', 'service_inquiry', 'appointment_booking',
        'support_request', 'complaint', 'job_application', 'vendor_pitch', 'spam', 'media_inquiry',
        'general_inquiry')),
    CONSTRAINT lead_memory_tone_check CHECK (tone IN (
        'Professional', 'Friendly', 'Formal', 'Casual', 'Frustrated', 'Enthusiastic')),
    CONSTRAINT lead_memory_urgency_check CHECK (urgency IN ('High', 'Medium', 'Low')),
    CONSTRAINT lead_memory_confidence_score_range CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT lead_memory_tone_history_array CHECK (jsonb_typeof(tone_history) = 'array'),
    CONSTRAINT lead_memory_confidence_history_array CHECK (jsonb_typeof(confidence_history) = 'array'),
    CONSTRAINT lead_memory_urgency_history_array CHECK (jsonb_typeof(urgency_history) = 'array'),
    CONSTRAINT lead_memory_enrichment_status_check CHECK (enrichment_status IN ('pending', 'completed', 'failed')),
    CONSTRAINT lead_memory_archived_at_pair CHECK (archived = (archived_at IS NOT NULL)),
    CONSTRAINT lead_memory_deleted_at_pair CHECK (deleted = (deleted_at IS NOT NULL)),
    CONSTRAINT lead_memory_current_tag_length CHECK (char_length(btrim(current_tag)) BETWEEN 1 AND 50),
    CONSTRAINT lead_memory_idempotency_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    CONSTRAINT lead_memory_request_hash_format CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT lead_memory_request_hash_with_key CHECK (idempotency_key IS NULL OR request_hash IS NOT NULL),
    CONSTRAINT lead_memory_dedupe_hash_format CHECK (dedupe_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT lead_memory_duplicate_count_check CHECK (duplicate_count >= 0),
    CONSTRAINT lead_memory_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX lead_memory_client_created_idx ON lead_memory (client_id, created_at DESC);
CREATE INDEX lead_memory_client_active_created_idx ON lead_memory (client_id, created_at DESC)
    WHERE NOT deleted AND NOT archived;
CREATE INDEX lead_memory_client_email_idx ON lead_memory (client_id, lower(email));
CREATE INDEX lead_memory_client_tag_idx ON lead_memory (client_id, current_tag) WHERE current_tag IS NOT NULL;
CREATE INDEX lead_memory_client_dedupe_idx ON lead_memory (client_id, dedupe_hash, created_at DESC);
CREATE UNIQUE INDEX lead_memory_client_idempotency_key_unique ON lead_memory (client_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

COMMENT ON TABLE lead_memory IS 'Every lead received from a client''s form, with its AI enrichment and status.';
COMMENT ON COLUMN lead_memory.language IS 'Detected lead language (en/fr); NULL until enriched.';
COMMENT ON COLUMN lead_memory.intent IS 'One of the 12 intent labels (EN/FR names in intent_translations); NULL until enriched.';
COMMENT ON COLUMN lead_memory.tone IS 'Detected tone: Professional, Friendly, Formal, Casual, Frustrated or Enthusiastic.';
COMMENT ON COLUMN lead_memory.confidence_score IS 'Enrichment confidence, 0.00-1.00.';
COMMENT ON COLUMN lead_memory.tone_history IS
    'JSON array, oldest first, one entry appended per (re-)analysis: {"value": "Friendly", "at": "<ISO-8601>", "model": "<model id>"}.';
COMMENT ON COLUMN lead_memory.confidence_history IS
    'JSON array, oldest first: {"value": 0.82, "at": "<ISO-8601>", "model": "<model id>"}.';
COMMENT ON COLUMN lead_memory.urgency_history IS
    'JSON array, oldest first: {"value": "High", "at": "<ISO-8601>", "model": "<model id>"}.';
COMMENT ON COLUMN lead_memory.enrichment_status IS 'pending until the enrichment job ran; completed or failed after.';
COMMENT ON COLUMN lead_memory.enrichment_model IS 'Model that produced the current enrichment (local engine version or LLM provider/model).';
COMMENT ON COLUMN lead_memory.auto_reply_sent_at IS 'When the automated reply was sent; the auto-reply job checks it to stay idempotent.';
COMMENT ON COLUMN lead_memory.archived_at IS 'Set exactly when archived is true.';
COMMENT ON COLUMN lead_memory.deleted IS 'Soft delete (restorable). A data-subject request deletes the row itself.';
COMMENT ON COLUMN lead_memory.deleted_at IS 'Set exactly when deleted is true.';
COMMENT ON COLUMN lead_memory.current_tag IS 'Current tag (e.g. Hot Lead, Warm, Cold, Converted); history in lead_actions.';
COMMENT ON COLUMN lead_memory.idempotency_key IS 'Idempotency-Key header of the creating request; unique per client.';
COMMENT ON COLUMN lead_memory.request_hash IS
    'SHA-256 hex of the canonical creating request body: same Idempotency-Key with another hash is answered 422.';
COMMENT ON COLUMN lead_memory.dedupe_hash IS
    'SHA-256 hex of the normalised (email, message): a submission with the same hash within the duplicate window is merged into this lead.';
COMMENT ON COLUMN lead_memory.duplicate_count IS 'How many duplicate submissions were merged into this lead.';
COMMENT ON COLUMN lead_memory.metadata IS 'Form extras and capture context (page URL, UTM, custom fields).';
COMMENT ON COLUMN lead_memory.is_test IS 'Test lead; excluded from analytics.';

CREATE TABLE lead_actions (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    lead_id            uuid        NOT NULL,
    client_id          uuid        NOT NULL REFERENCES clients (client_id),
    action_type        text        NOT NULL,
    tag                text,
    "timestamp"        timestamptz NOT NULL DEFAULT now(),
    conversion_outcome boolean,
    reversion_reason   text,
    performed_by       text,
    metadata           jsonb       NOT NULL DEFAULT '{}',
    is_test            boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT lead_actions_lead_fk FOREIGN KEY (client_id, lead_id)
        REFERENCES lead_memory (client_id, id) ON DELETE CASCADE,
    CONSTRAINT lead_actions_action_type_check CHECK (action_type IN (
        'created', 'tagged', 'archived', 'deleted', 'restored', 'reactivated', 'converted', 'reverted',
        'reanalyzed', 'duplicate_merged', 'note_added', 'note_edited', 'note_deleted')),
    CONSTRAINT lead_actions_tag_when_tagged CHECK (action_type <> 'tagged' OR tag IS NOT NULL),
    CONSTRAINT lead_actions_reason_when_reverted CHECK (action_type <> 'reverted' OR reversion_reason IS NOT NULL),
    CONSTRAINT lead_actions_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX lead_actions_client_lead_idx ON lead_actions (client_id, lead_id, "timestamp" DESC);
CREATE INDEX lead_actions_client_timestamp_idx ON lead_actions (client_id, "timestamp" DESC);

COMMENT ON TABLE lead_actions IS 'Append-only audit trail of lead actions; powers the activity log. The dashboard calls action_type "action".';
COMMENT ON COLUMN lead_actions.lead_id IS 'The lead (lead_memory.id); the foreign key is (client_id, lead_id) so it cannot cross tenants.';
COMMENT ON COLUMN lead_actions.action_type IS
    'created, tagged, archived, deleted (soft), restored (undo delete), reactivated (undo archive), converted, reverted (conversion undone), reanalyzed, duplicate_merged, note_added/edited/deleted.';
COMMENT ON COLUMN lead_actions."timestamp" IS 'When the action occurred.';
COMMENT ON COLUMN lead_actions.conversion_outcome IS 'true on a conversion, false when a conversion is reverted, NULL otherwise.';
COMMENT ON COLUMN lead_actions.reversion_reason IS 'Why a converted lead was reverted (required for reverted).';
COMMENT ON COLUMN lead_actions.performed_by IS 'Who acted: a user email, "admin", or "system" for automatic actions.';

CREATE TABLE lead_notes (
    id           uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    lead_id      uuid        NOT NULL,
    client_id    uuid        NOT NULL REFERENCES clients (client_id),
    note         text        NOT NULL,
    performed_by text        NOT NULL DEFAULT 'admin',
    edit_history jsonb       NOT NULL DEFAULT '[]',
    deleted_at   timestamptz,
    is_test      boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT lead_notes_lead_fk FOREIGN KEY (client_id, lead_id)
        REFERENCES lead_memory (client_id, id) ON DELETE CASCADE,
    CONSTRAINT lead_notes_note_not_blank CHECK (btrim(note) <> ''),
    CONSTRAINT lead_notes_edit_history_array CHECK (jsonb_typeof(edit_history) = 'array')
);

CREATE INDEX lead_notes_client_lead_idx ON lead_notes (client_id, lead_id, created_at);

COMMENT ON TABLE lead_notes IS 'Notes added to leads by the client''s users.';
COMMENT ON COLUMN lead_notes.performed_by IS 'Who wrote the note (usually "admin" or the user''s email).';
COMMENT ON COLUMN lead_notes.edit_history IS
    'Previous versions, oldest first: {"note": "<text before the edit>", "edited_at": "<ISO-8601>", "performed_by": "..."}.';
COMMENT ON COLUMN lead_notes.deleted_at IS 'Soft delete of the note; NULL while visible.';

-- =============================================================================================
-- 3. AI intelligence and learning
-- =============================================================================================
CREATE TABLE growth_brain (
    id                       uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id                uuid         NOT NULL REFERENCES clients (client_id),
    analysis_period_start    timestamptz  NOT NULL,
    analysis_period_end      timestamptz  NOT NULL,
    total_leads              integer      NOT NULL DEFAULT 0,
    top_intents              jsonb        NOT NULL DEFAULT '[]',
    urgency_distribution     jsonb        NOT NULL DEFAULT '{"high": 0, "medium": 0, "low": 0}',
    urgency_trend_percentage numeric(7,2),
    tone_distribution        jsonb        NOT NULL DEFAULT '[]',
    tone_sentiment_score     numeric(5,2),
    avg_confidence           numeric(4,3),
    confidence_trajectory    jsonb        NOT NULL DEFAULT '[]',
    language_ratio           jsonb        NOT NULL DEFAULT '{"en": 0, "fr": 0}',
    engagement_score         numeric(5,2),
    predictive_insights      jsonb        NOT NULL DEFAULT '{"en": {}, "fr": {}}',
    analyzed_at              timestamptz  NOT NULL DEFAULT now(),
    created_at               timestamptz  NOT NULL DEFAULT now(),
    updated_at               timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT growth_brain_client_unique UNIQUE (client_id),
    CONSTRAINT growth_brain_period_order CHECK (analysis_period_end >= analysis_period_start),
    CONSTRAINT growth_brain_total_leads_check CHECK (total_leads >= 0),
    CONSTRAINT growth_brain_top_intents_array CHECK (jsonb_typeof(top_intents) = 'array'),
    CONSTRAINT growth_brain_urgency_distribution_object CHECK (jsonb_typeof(urgency_distribution) = 'object'),
    CONSTRAINT growth_brain_tone_distribution_array CHECK (jsonb_typeof(tone_distribution) = 'array'),
    CONSTRAINT growth_brain_tone_sentiment_range CHECK (tone_sentiment_score BETWEEN 0 AND 100),
    CONSTRAINT growth_brain_avg_confidence_range CHECK (avg_confidence BETWEEN 0 AND 1),
    CONSTRAINT growth_brain_confidence_trajectory_array CHECK (jsonb_typeof(confidence_trajectory) = 'array'),
    CONSTRAINT growth_brain_language_ratio_object CHECK (jsonb_typeof(language_ratio) = 'object'),
    CONSTRAINT growth_brain_engagement_range CHECK (engagement_score BETWEEN 0 AND 100),
    CONSTRAINT growth_brain_predictive_insights_object CHECK (jsonb_typeof(predictive_insights) = 'object')
);

COMMENT ON TABLE growth_brain IS
    'Growth insights per client, one row per client (UPSERT on client_id). Kept current by the client''s grain; recomputed weekly and on demand.';
COMMENT ON COLUMN growth_brain.top_intents IS 'Top 5 intents: [{"intent": "pricing_quote", "count": 12, "share": 0.31}, ...].';
COMMENT ON COLUMN growth_brain.urgency_distribution IS 'Counts: {"high": n, "medium": n, "low": n}.';
COMMENT ON COLUMN growth_brain.urgency_trend_percentage IS 'Week-over-week change of high-urgency leads, in percent (may be negative).';
COMMENT ON COLUMN growth_brain.tone_distribution IS 'Tone frequencies: [{"tone": "Professional", "count": n, "share": x}, ...].';
COMMENT ON COLUMN growth_brain.tone_sentiment_score IS '0-100 professional/positive signal score.';
COMMENT ON COLUMN growth_brain.confidence_trajectory IS 'Average confidence over time: [{"period_start": "<date>", "avg": 0.81}, ...].';
COMMENT ON COLUMN growth_brain.language_ratio IS 'Share of leads per language in percent: {"en": 60, "fr": 40}.';
COMMENT ON COLUMN growth_brain.engagement_score IS 'Composite 0-100 score; formula documented with the growth brain code.';
COMMENT ON COLUMN growth_brain.predictive_insights IS 'Bilingual recommendations: {"en": {...}, "fr": {...}}.';

CREATE TABLE feedback_tracking (
    id               uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    lead_id          uuid,
    client_id        uuid         REFERENCES clients (client_id),
    action_type      text         NOT NULL,
    outcome          text         NOT NULL,
    confidence_score numeric(4,3),
    impact_score     numeric(5,2),
    context_data     jsonb        NOT NULL DEFAULT '{}',
    notes            text,
    notes_en         text,
    notes_fr         text,
    model_name       text,
    learning_applied boolean      NOT NULL DEFAULT false,
    learning_impact  numeric(4,3),
    processed_at     timestamptz,
    expires_at       timestamptz  NOT NULL DEFAULT (now() + interval '1 year'),
    is_test          boolean      NOT NULL DEFAULT false,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT feedback_tracking_client_id_id_unique UNIQUE (client_id, id),
    -- PostgreSQL 15 column list: deleting the lead clears lead_id only and keeps the learning record.
    CONSTRAINT feedback_tracking_lead_fk FOREIGN KEY (client_id, lead_id)
        REFERENCES lead_memory (client_id, id) ON DELETE SET NULL (lead_id),
    CONSTRAINT feedback_tracking_lead_needs_client CHECK (lead_id IS NULL OR client_id IS NOT NULL),
    CONSTRAINT feedback_tracking_action_type_check CHECK (action_type IN (
        'lead_conversion', 'email_response', 'user_action', 'system_performance')),
    CONSTRAINT feedback_tracking_outcome_check CHECK (outcome IN ('positive', 'negative', 'neutral')),
    CONSTRAINT feedback_tracking_confidence_range CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT feedback_tracking_impact_range CHECK (impact_score BETWEEN -100 AND 100),
    CONSTRAINT feedback_tracking_context_object CHECK (jsonb_typeof(context_data) = 'object'),
    CONSTRAINT feedback_tracking_learning_impact_range CHECK (learning_impact BETWEEN 0 AND 1)
);

CREATE INDEX feedback_tracking_client_created_idx ON feedback_tracking (client_id, created_at DESC);
CREATE INDEX feedback_tracking_client_lead_idx ON feedback_tracking (client_id, lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX feedback_tracking_client_unprocessed_idx ON feedback_tracking (client_id, created_at)
    WHERE NOT learning_applied;
CREATE INDEX feedback_tracking_client_expires_idx ON feedback_tracking (client_id, expires_at);

COMMENT ON TABLE feedback_tracking IS
    'Every AI prediction and its real outcome (conversion, reply, user correction); purged after expires_at by a job. client_id NULL: agency-wide feedback, visible to system sessions only.';
COMMENT ON COLUMN feedback_tracking.lead_id IS 'Related lead (optional); requires client_id. Cleared when the lead is hard-deleted.';
COMMENT ON COLUMN feedback_tracking.action_type IS 'lead_conversion, email_response, user_action or system_performance.';
COMMENT ON COLUMN feedback_tracking.confidence_score IS 'Confidence in this feedback, 0-1.';
COMMENT ON COLUMN feedback_tracking.impact_score IS 'Impact on the system, -100 to +100.';
COMMENT ON COLUMN feedback_tracking.context_data IS 'Action-specific details, e.g. {"predicted": {...}, "actual": {...}}.';
COMMENT ON COLUMN feedback_tracking.model_name IS 'Model that made the prediction this feedback is about.';
COMMENT ON COLUMN feedback_tracking.learning_applied IS 'Processed by the learning jobs yet?';
COMMENT ON COLUMN feedback_tracking.learning_impact IS 'Impact on the models, 0-1.';
COMMENT ON COLUMN feedback_tracking.expires_at IS 'Auto-cleanup date, default now() + 1 year.';

CREATE TABLE performance_metrics (
    id               uuid             NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    event_type       text             NOT NULL,
    metric_name      text             NOT NULL,
    metric_value     double precision NOT NULL,
    metric_unit      text             NOT NULL,
    response_time_ms integer,
    success_rate     numeric(4,3),
    ai_accuracy      numeric(4,3),
    error_count      integer          NOT NULL DEFAULT 0,
    source_component text             NOT NULL,
    client_id        uuid             REFERENCES clients (client_id),
    recorded_at      timestamptz      NOT NULL DEFAULT now(),
    metadata         jsonb            NOT NULL DEFAULT '{}',
    error_message_en text,
    error_message_fr text,
    created_at       timestamptz      NOT NULL DEFAULT now(),

    CONSTRAINT performance_metrics_event_type_format CHECK (event_type ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT performance_metrics_metric_name_format CHECK (metric_name ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT performance_metrics_metric_unit_check CHECK (metric_unit IN ('ms', 'percent', 'count', 'score')),
    CONSTRAINT performance_metrics_response_time_check CHECK (response_time_ms >= 0),
    CONSTRAINT performance_metrics_success_rate_range CHECK (success_rate BETWEEN 0 AND 1),
    CONSTRAINT performance_metrics_ai_accuracy_range CHECK (ai_accuracy BETWEEN 0 AND 1),
    CONSTRAINT performance_metrics_error_count_check CHECK (error_count >= 0),
    CONSTRAINT performance_metrics_source_component_format CHECK (source_component ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT performance_metrics_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX performance_metrics_client_recorded_idx ON performance_metrics (client_id, recorded_at DESC);
CREATE INDEX performance_metrics_client_component_idx
    ON performance_metrics (client_id, source_component, event_type, recorded_at DESC);

COMMENT ON TABLE performance_metrics IS
    'Append-only timings, accuracy and error rates per component. client_id NULL: system-wide metric, visible to system sessions only.';
COMMENT ON COLUMN performance_metrics.event_type IS
    'snake_case category; documented values: api_response, ai_analysis, translation, lead_processing, email_response.';
COMMENT ON COLUMN performance_metrics.metric_name IS 'snake_case metric; documented values: response_time, accuracy, success_rate, error_rate.';
COMMENT ON COLUMN performance_metrics.metric_unit IS 'ms, percent, count or score.';
COMMENT ON COLUMN performance_metrics.success_rate IS 'Success ratio 0.0-1.0.';
COMMENT ON COLUMN performance_metrics.ai_accuracy IS 'AI accuracy 0.0-1.0.';
COMMENT ON COLUMN performance_metrics.source_component IS
    'snake_case component that logged the metric; documented values: lead_api, translation_service, intelligence_engine.';

CREATE TABLE prompt_registry (
    id              uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    prompt_name     text         NOT NULL,
    variant_version integer      NOT NULL DEFAULT 1,
    variant_id      text         NOT NULL,
    prompt_text     text         NOT NULL,
    language        text         NOT NULL,
    score           numeric(4,3),
    usage_count     bigint       NOT NULL DEFAULT 0,
    is_active       boolean      NOT NULL DEFAULT true,
    metadata        jsonb        NOT NULL DEFAULT '{}',
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT prompt_registry_variant_id_unique UNIQUE (variant_id),
    CONSTRAINT prompt_registry_name_language_version_unique UNIQUE (prompt_name, language, variant_version),
    CONSTRAINT prompt_registry_prompt_name_format CHECK (prompt_name ~ '^[a-z][a-z0-9_.-]*$'),
    CONSTRAINT prompt_registry_variant_version_check CHECK (variant_version >= 1),
    CONSTRAINT prompt_registry_variant_id_not_blank CHECK (btrim(variant_id) <> ''),
    CONSTRAINT prompt_registry_prompt_text_not_blank CHECK (btrim(prompt_text) <> ''),
    CONSTRAINT prompt_registry_language_check CHECK (language IN ('en', 'fr')),
    CONSTRAINT prompt_registry_score_range CHECK (score BETWEEN 0 AND 1),
    CONSTRAINT prompt_registry_usage_count_check CHECK (usage_count >= 0),
    CONSTRAINT prompt_registry_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

COMMENT ON TABLE prompt_registry IS 'AI prompts as data: every variant of every prompt, per language and version, with its score.';
COMMENT ON COLUMN prompt_registry.variant_id IS 'Stable unique variant identifier (e.g. lead_enrichment.fr.v3), referenced by prompt_ab_tests.';
COMMENT ON COLUMN prompt_registry.score IS 'Performance score 0.0-1.0.';
COMMENT ON COLUMN prompt_registry.is_active IS 'Variant eligible for selection (retired variants stay for history).';

CREATE TABLE prompt_ab_tests (
    id                           uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    test_name                    text         NOT NULL,
    prompt_name                  text         NOT NULL,
    control_variant_id           text         NOT NULL REFERENCES prompt_registry (variant_id),
    treatment_variant_id         text         NOT NULL REFERENCES prompt_registry (variant_id),
    control_traffic_percentage   numeric(5,2) NOT NULL DEFAULT 50,
    treatment_traffic_percentage numeric(5,2) NOT NULL DEFAULT 50,
    min_sample_size              integer      NOT NULL DEFAULT 100,
    max_duration_days            integer      NOT NULL DEFAULT 7,
    significance_level           numeric(5,4) NOT NULL DEFAULT 0.05,
    status                       text         NOT NULL DEFAULT 'draft',
    control_metrics              jsonb        NOT NULL DEFAULT '{}',
    treatment_metrics            jsonb        NOT NULL DEFAULT '{}',
    statistical_significance     double precision,
    winner_variant_id            text         REFERENCES prompt_registry (variant_id),
    started_at                   timestamptz,
    ended_at                     timestamptz,
    created_at                   timestamptz  NOT NULL DEFAULT now(),
    updated_at                   timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT prompt_ab_tests_test_name_unique UNIQUE (test_name),
    CONSTRAINT prompt_ab_tests_distinct_variants CHECK (control_variant_id <> treatment_variant_id),
    CONSTRAINT prompt_ab_tests_traffic_range CHECK (
        control_traffic_percentage BETWEEN 0 AND 100 AND treatment_traffic_percentage BETWEEN 0 AND 100),
    CONSTRAINT prompt_ab_tests_traffic_total CHECK (control_traffic_percentage + treatment_traffic_percentage = 100),
    CONSTRAINT prompt_ab_tests_min_sample_size_check CHECK (min_sample_size > 0),
    CONSTRAINT prompt_ab_tests_max_duration_check CHECK (max_duration_days > 0),
    CONSTRAINT prompt_ab_tests_significance_level_range CHECK (significance_level > 0 AND significance_level < 1),
    CONSTRAINT prompt_ab_tests_status_check CHECK (status IN ('draft', 'running', 'completed', 'cancelled')),
    CONSTRAINT prompt_ab_tests_control_metrics_object CHECK (jsonb_typeof(control_metrics) = 'object'),
    CONSTRAINT prompt_ab_tests_treatment_metrics_object CHECK (jsonb_typeof(treatment_metrics) = 'object'),
    CONSTRAINT prompt_ab_tests_p_value_range CHECK (statistical_significance BETWEEN 0 AND 1),
    CONSTRAINT prompt_ab_tests_winner_is_a_variant
        CHECK (winner_variant_id IN (control_variant_id, treatment_variant_id))
);

-- At most one running test per prompt, so traffic splitting is unambiguous.
CREATE UNIQUE INDEX prompt_ab_tests_one_running_per_prompt ON prompt_ab_tests (prompt_name) WHERE status = 'running';

COMMENT ON TABLE prompt_ab_tests IS 'A/B tests between two prompt variants; a winner only at the configured significance.';
COMMENT ON COLUMN prompt_ab_tests.control_metrics IS 'Control group results, e.g. {"samples": n, "successes": n, "rate": x}.';
COMMENT ON COLUMN prompt_ab_tests.treatment_metrics IS 'Treatment group results, same shape as control_metrics.';
COMMENT ON COLUMN prompt_ab_tests.statistical_significance IS 'p-value of the test (e.g. two-proportion z-test).';
COMMENT ON COLUMN prompt_ab_tests.winner_variant_id IS 'Winning variant; NULL until significant (or when cancelled).';

CREATE TABLE prompt_performance (
    id                   uuid          NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    prompt_registry_id   uuid          NOT NULL REFERENCES prompt_registry (id),
    execution_id         uuid          NOT NULL DEFAULT gen_random_uuid(),
    client_id            uuid          REFERENCES clients (client_id),
    ab_test_id           uuid          REFERENCES prompt_ab_tests (id) ON DELETE SET NULL,
    input_data           jsonb         NOT NULL DEFAULT '{}',
    output_data          jsonb,
    output_quality_score numeric(4,3),
    response_time_ms     integer,
    token_count          integer,
    cost_usd             numeric(12,6),
    accuracy_score       numeric(4,3),
    consistency_score    numeric(4,3),
    completeness_score   numeric(4,3),
    error_occurred       boolean       NOT NULL DEFAULT false,
    error_message        text,
    feedback_id          uuid,
    user_rating          smallint,
    model_name           text,
    executed_at          timestamptz   NOT NULL DEFAULT now(),
    environment          text          NOT NULL DEFAULT 'production',
    created_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now(),

    -- MATCH SIMPLE: enforced whenever client_id is set; agency-wide rows (client_id NULL) keep an
    -- unchecked feedback_id (see the decision record).
    CONSTRAINT prompt_performance_feedback_fk FOREIGN KEY (client_id, feedback_id)
        REFERENCES feedback_tracking (client_id, id) ON DELETE SET NULL (feedback_id),
    CONSTRAINT prompt_performance_quality_range CHECK (output_quality_score BETWEEN 0 AND 1),
    CONSTRAINT prompt_performance_response_time_check CHECK (response_time_ms >= 0),
    CONSTRAINT prompt_performance_token_count_check CHECK (token_count >= 0),
    CONSTRAINT prompt_performance_cost_check CHECK (cost_usd >= 0),
    CONSTRAINT prompt_performance_accuracy_range CHECK (accuracy_score BETWEEN 0 AND 1),
    CONSTRAINT prompt_performance_consistency_range CHECK (consistency_score BETWEEN 0 AND 1),
    CONSTRAINT prompt_performance_completeness_range CHECK (completeness_score BETWEEN 0 AND 1),
    CONSTRAINT prompt_performance_error_message_when_error CHECK (error_occurred OR error_message IS NULL),
    CONSTRAINT prompt_performance_user_rating_range CHECK (user_rating BETWEEN 1 AND 5),
    CONSTRAINT prompt_performance_environment_check CHECK (environment IN ('production', 'staging', 'test'))
);

CREATE UNIQUE INDEX prompt_performance_client_execution_unique
    ON prompt_performance (client_id, execution_id) NULLS NOT DISTINCT;
CREATE INDEX prompt_performance_client_executed_idx ON prompt_performance (client_id, executed_at DESC);
CREATE INDEX prompt_performance_client_prompt_idx
    ON prompt_performance (client_id, prompt_registry_id, executed_at DESC);
CREATE INDEX prompt_performance_client_feedback_idx ON prompt_performance (client_id, feedback_id)
    WHERE feedback_id IS NOT NULL;

COMMENT ON TABLE prompt_performance IS
    'One row per prompt execution: latency, tokens, cost, quality, errors. client_id NULL: agency-wide execution, visible to system sessions only.';
COMMENT ON COLUMN prompt_performance.execution_id IS 'Unique execution identifier (idempotent logging).';
COMMENT ON COLUMN prompt_performance.ab_test_id IS 'The A/B test this execution counted for, if any.';
COMMENT ON COLUMN prompt_performance.output_quality_score IS 'Quality rating 0.000-1.000.';
COMMENT ON COLUMN prompt_performance.consistency_score IS 'Format compliance score 0-1.';
COMMENT ON COLUMN prompt_performance.feedback_id IS 'Linked feedback_tracking row (same client); cleared when the feedback expires.';
COMMENT ON COLUMN prompt_performance.model_name IS 'Provider/model that executed the prompt.';

CREATE TABLE prompt_evolution (
    id                  uuid          NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    parent_prompt_id    uuid          NOT NULL REFERENCES prompt_registry (id),
    child_prompt_id     uuid          NOT NULL REFERENCES prompt_registry (id),
    evolution_type      text          NOT NULL,
    evolution_strategy  text,
    parent_performance  jsonb         NOT NULL DEFAULT '{}',
    child_performance   jsonb         NOT NULL DEFAULT '{}',
    improvement_score   numeric(4,3),
    feedback_data       jsonb         NOT NULL DEFAULT '{}',
    optimization_goals  text[]        NOT NULL DEFAULT '{}',
    evolved_at          timestamptz   NOT NULL DEFAULT now(),
    evolution_algorithm text,
    created_at          timestamptz   NOT NULL DEFAULT now(),

    CONSTRAINT prompt_evolution_distinct_prompts CHECK (parent_prompt_id <> child_prompt_id),
    CONSTRAINT prompt_evolution_type_check CHECK (evolution_type IN ('mutation', 'crossover', 'optimization', 'manual_edit')),
    CONSTRAINT prompt_evolution_parent_performance_object CHECK (jsonb_typeof(parent_performance) = 'object'),
    CONSTRAINT prompt_evolution_child_performance_object CHECK (jsonb_typeof(child_performance) = 'object'),
    CONSTRAINT prompt_evolution_improvement_range CHECK (improvement_score BETWEEN -1 AND 1)
);

CREATE INDEX prompt_evolution_parent_idx ON prompt_evolution (parent_prompt_id);
CREATE INDEX prompt_evolution_child_idx ON prompt_evolution (child_prompt_id);

COMMENT ON TABLE prompt_evolution IS 'Append-only parent -> child history of prompt variants with the measured improvement.';
COMMENT ON COLUMN prompt_evolution.improvement_score IS
    'Measured improvement of child over parent. The original documented 0.000-1.000; -1..1 here so a regression can be recorded.';
COMMENT ON COLUMN prompt_evolution.optimization_goals IS 'Goals of the evolution, e.g. {accuracy, brevity}.';

-- =============================================================================================
-- 4. Prospect discovery (agency)
-- =============================================================================================
CREATE TABLE prospect_candidates (
    id                    uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    business_name         text         NOT NULL,
    website               text         NOT NULL,
    website_domain        text         NOT NULL GENERATED ALWAYS AS (
        lower(regexp_replace(regexp_replace(btrim(website), '^[a-zA-Z][a-zA-Z0-9+.-]*://', ''),
                             '^www\.|[/:?#].*$', '', 'g'))) STORED,
    contact_email         text,
    industry              text,
    region                text,
    language              text         NOT NULL DEFAULT 'en',
    form_url              text,
    last_tested           timestamptz,
    response_score        numeric(5,2),
    automation_need_score smallint,
    contacted             boolean      NOT NULL DEFAULT false,
    source                text,
    do_not_contact        boolean      NOT NULL DEFAULT false,
    do_not_contact_at     timestamptz,
    metadata              jsonb        NOT NULL DEFAULT '{}',
    created_at            timestamptz  NOT NULL DEFAULT now(),
    updated_at            timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT prospect_candidates_website_unique UNIQUE (website),
    CONSTRAINT prospect_candidates_website_domain_unique UNIQUE (website_domain),
    CONSTRAINT prospect_candidates_business_name_not_blank CHECK (btrim(business_name) <> ''),
    CONSTRAINT prospect_candidates_website_domain_not_blank CHECK (website_domain <> ''),
    CONSTRAINT prospect_candidates_contact_email_format CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT prospect_candidates_language_check CHECK (language IN ('en', 'fr')),
    CONSTRAINT prospect_candidates_response_score_range CHECK (response_score BETWEEN 0 AND 100),
    CONSTRAINT prospect_candidates_automation_need_range CHECK (automation_need_score BETWEEN 45 AND 95),
    CONSTRAINT prospect_candidates_source_check CHECK (source IN ('pdl', 'apollo', 'google', 'csv', 'manual')),
    CONSTRAINT prospect_candidates_do_not_contact_pair CHECK (do_not_contact = (do_not_contact_at IS NOT NULL)),
    CONSTRAINT prospect_candidates_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX prospect_candidates_queue_idx ON prospect_candidates (automation_need_score DESC, created_at)
    WHERE NOT contacted AND NOT do_not_contact;
CREATE INDEX prospect_candidates_industry_idx ON prospect_candidates (industry, region);
CREATE INDEX prospect_candidates_created_idx ON prospect_candidates (created_at DESC);
CREATE INDEX prospect_candidates_contact_email_idx ON prospect_candidates (lower(contact_email))
    WHERE contact_email IS NOT NULL;

COMMENT ON TABLE prospect_candidates IS 'Prospect companies discovered by the agency (People Data Labs, Apollo, Google, CSV import).';
COMMENT ON COLUMN prospect_candidates.website IS 'Company website as found (unique).';
COMMENT ON COLUMN prospect_candidates.website_domain IS
    'Normalised host (lowercase, no scheme, no www., no path or port), generated from website; unique, so one prospect per domain.';
COMMENT ON COLUMN prospect_candidates.response_score IS 'Response quality score 0-100 (latest form test).';
COMMENT ON COLUMN prospect_candidates.automation_need_score IS 'AI-calculated automation need, 45-95.';
COMMENT ON COLUMN prospect_candidates.source IS 'Discovery source: pdl, apollo, google, csv or manual.';
COMMENT ON COLUMN prospect_candidates.do_not_contact IS
    'CASL / Law 25: unsubscribed or asked not to be contacted; honoured immediately and permanently.';
COMMENT ON COLUMN prospect_candidates.metadata IS 'Discovery details (source ids, LinkedIn data, size, signals of the score).';

CREATE TABLE prospect_outreach_log (
    id            uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    prospect_id   uuid        NOT NULL REFERENCES prospect_candidates (id) ON DELETE CASCADE,
    subject       text        NOT NULL,
    email_body    text        NOT NULL,
    sent_at       timestamptz,
    opened_at     timestamptz,
    replied_at    timestamptz,
    status        text        NOT NULL DEFAULT 'sent',
    reply_content text,
    metadata      jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT prospect_outreach_log_status_check CHECK (status IN ('sent', 'opened', 'replied', 'bounced', 'ignored')),
    CONSTRAINT prospect_outreach_log_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX prospect_outreach_log_prospect_idx ON prospect_outreach_log (prospect_id, sent_at DESC);
CREATE INDEX prospect_outreach_log_status_idx ON prospect_outreach_log (status, sent_at DESC);

COMMENT ON TABLE prospect_outreach_log IS 'One row per outreach email sent to a prospect (agency view across campaigns).';
COMMENT ON COLUMN prospect_outreach_log.metadata IS 'Campaign info (campaign_id, outreach email id, sequence step).';

CREATE TABLE prospect_industry_performance (
    id                      uuid          NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    industry                text          NOT NULL,
    total_contacted         integer       NOT NULL DEFAULT 0,
    total_opened            integer       NOT NULL DEFAULT 0,
    total_replied           integer       NOT NULL DEFAULT 0,
    open_rate               numeric(5,2)  NOT NULL DEFAULT 0,
    reply_rate              numeric(5,2)  NOT NULL DEFAULT 0,
    avg_response_time_hours numeric(10,2),
    priority_score          numeric(5,2)  NOT NULL DEFAULT 50,
    last_updated            timestamptz   NOT NULL DEFAULT now(),
    created_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at              timestamptz   NOT NULL DEFAULT now(),

    CONSTRAINT prospect_industry_performance_industry_unique UNIQUE (industry),
    CONSTRAINT prospect_industry_performance_counts_check
        CHECK (total_contacted >= 0 AND total_opened >= 0 AND total_replied >= 0),
    CONSTRAINT prospect_industry_performance_rates_range
        CHECK (open_rate BETWEEN 0 AND 100 AND reply_rate BETWEEN 0 AND 100),
    CONSTRAINT prospect_industry_performance_response_time_check CHECK (avg_response_time_hours >= 0),
    CONSTRAINT prospect_industry_performance_priority_range CHECK (priority_score BETWEEN 0 AND 100)
);

COMMENT ON TABLE prospect_industry_performance IS 'Outreach results per industry (one row per industry), used to prioritise targeting.';
COMMENT ON COLUMN prospect_industry_performance.open_rate IS 'Open percentage, 0-100.';
COMMENT ON COLUMN prospect_industry_performance.reply_rate IS 'Reply percentage, 0-100.';
COMMENT ON COLUMN prospect_industry_performance.priority_score IS 'Industry priority, 0-100.';
COMMENT ON COLUMN prospect_industry_performance.last_updated IS 'When the aggregates were last recalculated.';

CREATE TABLE prospect_form_tests (
    id                    uuid          NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    prospect_id           uuid          NOT NULL REFERENCES prospect_candidates (id) ON DELETE CASCADE,
    test_submitted_at     timestamptz   NOT NULL DEFAULT now(),
    response_received_at  timestamptz,
    response_time_minutes numeric(10,2),
    has_autoresponder     boolean,
    autoresponder_tone    text,
    autoresponder_content text,
    score                 smallint,
    test_status           text          NOT NULL DEFAULT 'pending',
    metadata              jsonb         NOT NULL DEFAULT '{}',
    created_at            timestamptz   NOT NULL DEFAULT now(),
    updated_at            timestamptz   NOT NULL DEFAULT now(),

    CONSTRAINT prospect_form_tests_response_time_check CHECK (response_time_minutes >= 0),
    CONSTRAINT prospect_form_tests_tone_check CHECK (autoresponder_tone IN ('robotic', 'human', 'personalized', 'none')),
    CONSTRAINT prospect_form_tests_score_range CHECK (score BETWEEN 0 AND 100),
    CONSTRAINT prospect_form_tests_status_check CHECK (test_status IN ('pending', 'completed', 'failed', 'timeout')),
    CONSTRAINT prospect_form_tests_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX prospect_form_tests_prospect_idx ON prospect_form_tests (prospect_id, test_submitted_at DESC);
CREATE INDEX prospect_form_tests_pending_idx ON prospect_form_tests (test_submitted_at) WHERE test_status = 'pending';

COMMENT ON TABLE prospect_form_tests IS 'Automated tests of prospects'' contact forms: autoresponder delay, tone, content and score.';
COMMENT ON COLUMN prospect_form_tests.has_autoresponder IS 'NULL while pending.';
COMMENT ON COLUMN prospect_form_tests.autoresponder_tone IS 'robotic, human, personalized or none.';
COMMENT ON COLUMN prospect_form_tests.score IS 'Quality score 0-100.';
COMMENT ON COLUMN prospect_form_tests.metadata IS 'Test details (form URL, fields found, submission id, mailbox message id).';

-- =============================================================================================
-- 5. Outreach automation
-- =============================================================================================
CREATE TABLE email_templates (
    id                uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    name              text         NOT NULL,
    description       text,
    subject           text         NOT NULL,
    html_content      text         NOT NULL,
    plain_content     text         NOT NULL,
    language          text         NOT NULL,
    category          text         NOT NULL DEFAULT 'outreach',
    tone              text,
    variables         jsonb        NOT NULL DEFAULT '[]',
    is_active         boolean      NOT NULL DEFAULT true,
    usage_count       bigint       NOT NULL DEFAULT 0,
    performance_score numeric(4,3),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT email_templates_name_language_unique UNIQUE (name, language),
    CONSTRAINT email_templates_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT email_templates_language_check CHECK (language IN ('en', 'fr')),
    CONSTRAINT email_templates_category_format CHECK (category ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT email_templates_tone_check CHECK (tone IN ('Professional', 'Friendly', 'Formal', 'Energetic')),
    CONSTRAINT email_templates_variables_array CHECK (jsonb_typeof(variables) = 'array'),
    CONSTRAINT email_templates_usage_count_check CHECK (usage_count >= 0),
    CONSTRAINT email_templates_performance_range CHECK (performance_score BETWEEN 0 AND 1)
);

CREATE INDEX email_templates_category_idx ON email_templates (category, language, tone) WHERE is_active;

COMMENT ON TABLE email_templates IS 'Agency-wide reusable email templates (outreach, follow-ups, auto-reply fallbacks), EN/FR.';
COMMENT ON COLUMN email_templates.category IS 'snake_case template type, e.g. outreach, follow_up, auto_reply.';
COMMENT ON COLUMN email_templates.tone IS
    'Email tone the template is written in (matches clients.email_tone for auto-reply templates); NULL: any tone.';
COMMENT ON COLUMN email_templates.variables IS 'Personalisation variables the template uses, e.g. ["first_name", "company_name", "booking_link"].';
COMMENT ON COLUMN email_templates.performance_score IS 'Performance rating 0.0-1.0.';

CREATE TABLE outreach_campaigns (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    name               text        NOT NULL,
    client_id          uuid        NOT NULL REFERENCES clients (client_id),
    status             text        NOT NULL DEFAULT 'draft',
    target_criteria    jsonb       NOT NULL DEFAULT '{}',
    email_template_id  uuid        REFERENCES email_templates (id) ON DELETE SET NULL,
    follow_up_schedule jsonb       NOT NULL DEFAULT '[]',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    metadata           jsonb       NOT NULL DEFAULT '{}',

    CONSTRAINT outreach_campaigns_client_id_id_unique UNIQUE (client_id, id),
    CONSTRAINT outreach_campaigns_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT outreach_campaigns_status_check CHECK (status IN ('draft', 'active', 'paused', 'completed')),
    CONSTRAINT outreach_campaigns_target_criteria_object CHECK (jsonb_typeof(target_criteria) = 'object'),
    CONSTRAINT outreach_campaigns_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX outreach_campaigns_client_status_idx ON outreach_campaigns (client_id, status, created_at DESC);

COMMENT ON TABLE outreach_campaigns IS 'Outreach campaigns to prospects, owned by a client account (usually the agency''s internal account).';
COMMENT ON COLUMN outreach_campaigns.target_criteria IS 'Prospect filter, e.g. {"industries": [...], "regions": [...], "min_automation_need_score": 70}.';
COMMENT ON COLUMN outreach_campaigns.follow_up_schedule IS 'Follow-up timing, e.g. [{"sequence": 2, "delay_days": 3}, {"sequence": 3, "delay_days": 7}].';
COMMENT ON COLUMN outreach_campaigns.metadata IS 'Campaign settings (sender, daily limit, send window, spacing).';

CREATE TABLE outreach_emails (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id          uuid        NOT NULL REFERENCES clients (client_id),
    campaign_id        uuid        NOT NULL,
    prospect_id        uuid        NOT NULL REFERENCES prospect_candidates (id) ON DELETE CASCADE,
    prospect_email     text,
    prospect_name      text,
    company_name       text,
    website            text,
    template_id        uuid        REFERENCES email_templates (id) ON DELETE SET NULL,
    subject            text        NOT NULL,
    content            text        NOT NULL,
    plain_content      text,
    status             text        NOT NULL DEFAULT 'pending',
    approved_at        timestamptz,
    approved_by        text,
    rejection_reason   text,
    scheduled_at       timestamptz,
    sent_at            timestamptz,
    delivered_at       timestamptz,
    opened_at          timestamptz,
    clicked_at         timestamptz,
    replied_at         timestamptz,
    bounced_at         timestamptz,
    message_id         text,
    thread_id          text,
    gmail_message_id   text,
    follow_up_sequence smallint    NOT NULL DEFAULT 1,
    sender_email       text,
    missing_email      boolean     NOT NULL DEFAULT false,
    last_error         text,
    metadata           jsonb       NOT NULL DEFAULT '{}',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT outreach_emails_client_id_id_unique UNIQUE (client_id, id),
    CONSTRAINT outreach_emails_campaign_fk FOREIGN KEY (client_id, campaign_id)
        REFERENCES outreach_campaigns (client_id, id) ON DELETE CASCADE,
    CONSTRAINT outreach_emails_status_check CHECK (status IN (
        'pending', 'approved', 'rejected', 'sent', 'delivered', 'opened', 'replied', 'bounced', 'failed', 'cancelled')),
    CONSTRAINT outreach_emails_prospect_email_format CHECK (prospect_email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT outreach_emails_email_or_missing CHECK (missing_email OR prospect_email IS NOT NULL),
    CONSTRAINT outreach_emails_sender_email_format CHECK (sender_email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT outreach_emails_follow_up_sequence_check CHECK (follow_up_sequence >= 1),
    CONSTRAINT outreach_emails_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

-- One email per prospect and sequence step in a campaign: generation is idempotent.
CREATE UNIQUE INDEX outreach_emails_client_campaign_prospect_step_unique
    ON outreach_emails (client_id, campaign_id, prospect_id, follow_up_sequence);
CREATE INDEX outreach_emails_client_campaign_status_idx ON outreach_emails (client_id, campaign_id, status);
CREATE INDEX outreach_emails_client_due_idx ON outreach_emails (client_id, scheduled_at)
    WHERE status = 'approved';
CREATE INDEX outreach_emails_client_prospect_idx ON outreach_emails (client_id, prospect_id);
CREATE INDEX outreach_emails_client_created_idx ON outreach_emails (client_id, created_at DESC);

COMMENT ON TABLE outreach_emails IS
    'Individual outreach emails: pending -> approved/rejected -> sent -> delivered/opened/replied/bounced. client_id is the campaign''s owner.';
COMMENT ON COLUMN outreach_emails.client_id IS 'Owner of the campaign (copied from it; the (client_id, campaign_id) foreign key keeps them equal).';
COMMENT ON COLUMN outreach_emails.content IS 'Email body (HTML).';
COMMENT ON COLUMN outreach_emails.plain_content IS 'Plain-text alternative of content.';
COMMENT ON COLUMN outreach_emails.status IS
    'pending, approved, rejected, sent, delivered, opened, replied, bounced; failed (sending failed, see last_error); cancelled (follow-up stopped by reply, bounce or unsubscribe).';
COMMENT ON COLUMN outreach_emails.scheduled_at IS 'Earliest send time chosen by the sender (send window, spacing, daily limit).';
COMMENT ON COLUMN outreach_emails.message_id IS
    'RFC 5322 Message-ID we set when sending (it embeds the email id, so replies map back without a global index).';
COMMENT ON COLUMN outreach_emails.thread_id IS 'Gmail thread id, or the root Message-ID of the thread for SMTP.';
COMMENT ON COLUMN outreach_emails.gmail_message_id IS 'Gmail API message id when sent through Gmail.';
COMMENT ON COLUMN outreach_emails.follow_up_sequence IS 'Step in the sequence: 1 = first email, 2.. = follow-ups.';
COMMENT ON COLUMN outreach_emails.missing_email IS 'The prospect has no email address; the email cannot be sent.';

CREATE TABLE outreach_tracking (
    id          uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id   uuid        NOT NULL REFERENCES clients (client_id),
    email_id    uuid        NOT NULL,
    prospect_id uuid        REFERENCES prospect_candidates (id) ON DELETE CASCADE,
    campaign_id uuid,
    action      text        NOT NULL,
    "timestamp" timestamptz NOT NULL DEFAULT now(),
    metadata    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT outreach_tracking_email_fk FOREIGN KEY (client_id, email_id)
        REFERENCES outreach_emails (client_id, id) ON DELETE CASCADE,
    CONSTRAINT outreach_tracking_campaign_fk FOREIGN KEY (client_id, campaign_id)
        REFERENCES outreach_campaigns (client_id, id) ON DELETE CASCADE,
    CONSTRAINT outreach_tracking_action_check CHECK (action IN (
        'sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed')),
    CONSTRAINT outreach_tracking_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX outreach_tracking_client_email_idx ON outreach_tracking (client_id, email_id, "timestamp");
CREATE INDEX outreach_tracking_client_campaign_idx ON outreach_tracking (client_id, campaign_id, action, "timestamp");
CREATE INDEX outreach_tracking_client_timestamp_idx ON outreach_tracking (client_id, "timestamp" DESC);

COMMENT ON TABLE outreach_tracking IS 'Append-only email engagement events (open pixel, click redirect, unsubscribe, mailbox replies and bounces).';
COMMENT ON COLUMN outreach_tracking."timestamp" IS 'When the event occurred.';
COMMENT ON COLUMN outreach_tracking.metadata IS 'Event details (clicked URL, user agent, bounce code, reply message id).';

CREATE TABLE outreach_metrics (
    id                        uuid          NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id                 uuid          NOT NULL REFERENCES clients (client_id),
    campaign_id               uuid          NOT NULL,
    total_emails_sent         integer       NOT NULL DEFAULT 0,
    total_emails_delivered    integer       NOT NULL DEFAULT 0,
    total_emails_opened       integer       NOT NULL DEFAULT 0,
    total_emails_clicked      integer       NOT NULL DEFAULT 0,
    total_emails_replied      integer       NOT NULL DEFAULT 0,
    total_emails_bounced      integer       NOT NULL DEFAULT 0,
    total_emails_unsubscribed integer       NOT NULL DEFAULT 0,
    open_rate                 numeric(5,2)  NOT NULL DEFAULT 0,
    click_rate                numeric(5,2)  NOT NULL DEFAULT 0,
    reply_rate                numeric(5,2)  NOT NULL DEFAULT 0,
    bounce_rate               numeric(5,2)  NOT NULL DEFAULT 0,
    revenue_generated         numeric(14,2) NOT NULL DEFAULT 0,
    created_at                timestamptz   NOT NULL DEFAULT now(),
    updated_at                timestamptz   NOT NULL DEFAULT now(),

    CONSTRAINT outreach_metrics_campaign_fk FOREIGN KEY (client_id, campaign_id)
        REFERENCES outreach_campaigns (client_id, id) ON DELETE CASCADE,
    CONSTRAINT outreach_metrics_client_campaign_unique UNIQUE (client_id, campaign_id),
    CONSTRAINT outreach_metrics_counts_check CHECK (
        total_emails_sent >= 0 AND total_emails_delivered >= 0 AND total_emails_opened >= 0
        AND total_emails_clicked >= 0 AND total_emails_replied >= 0 AND total_emails_bounced >= 0
        AND total_emails_unsubscribed >= 0),
    CONSTRAINT outreach_metrics_rates_range CHECK (
        open_rate BETWEEN 0 AND 100 AND click_rate BETWEEN 0 AND 100
        AND reply_rate BETWEEN 0 AND 100 AND bounce_rate BETWEEN 0 AND 100),
    CONSTRAINT outreach_metrics_revenue_check CHECK (revenue_generated >= 0)
);

COMMENT ON TABLE outreach_metrics IS 'Campaign totals and rates, one row per campaign, kept live by the campaign''s grain.';
COMMENT ON COLUMN outreach_metrics.open_rate IS 'Percent 0-100 of delivered (or sent when delivery is unknown).';
COMMENT ON COLUMN outreach_metrics.revenue_generated IS 'Revenue attributed to the campaign, USD.';

-- =============================================================================================
-- 6. Translation system (agency; the dictionary is readable by client sessions)
-- =============================================================================================
CREATE TABLE translation_cache (
    id              uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    source_text     text         NOT NULL,
    source_hash     text         NOT NULL GENERATED ALWAYS AS (md5(source_text)) STORED,
    source_language text         NOT NULL,
    target_language text         NOT NULL,
    translated_text text         NOT NULL,
    context_type    text         NOT NULL DEFAULT 'ui_text',
    quality_score   numeric(4,3),
    verified        boolean      NOT NULL DEFAULT false,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    last_used_at    timestamptz  NOT NULL DEFAULT now(),
    expires_at      timestamptz  NOT NULL DEFAULT (now() + interval '90 days'),

    CONSTRAINT translation_cache_source_unique UNIQUE (source_hash, source_language, target_language),
    CONSTRAINT translation_cache_source_language_check CHECK (source_language IN ('en', 'fr')),
    CONSTRAINT translation_cache_target_language_check CHECK (target_language IN ('en', 'fr')),
    CONSTRAINT translation_cache_languages_differ CHECK (source_language <> target_language),
    CONSTRAINT translation_cache_context_type_check CHECK (context_type IN (
        'lead_summary', 'intent', 'tone', 'ui_text', 'email', 'insight')),
    CONSTRAINT translation_cache_quality_range CHECK (quality_score BETWEEN 0 AND 1)
);

CREATE INDEX translation_cache_expires_idx ON translation_cache (expires_at);

COMMENT ON TABLE translation_cache IS 'Machine translations kept for reuse; entries expire after 90 days.';
COMMENT ON COLUMN translation_cache.source_hash IS
    'md5 of source_text (generated): a b-tree cannot index long texts, so uniqueness is on (source_hash, languages). Not a security hash: look-ups also compare source_text.';
COMMENT ON COLUMN translation_cache.context_type IS 'lead_summary, intent, tone, ui_text (documented), plus email and insight.';
COMMENT ON COLUMN translation_cache.quality_score IS 'Translation quality 0.0-1.0.';
COMMENT ON COLUMN translation_cache.expires_at IS 'Expiration date, default now() + 90 days.';

CREATE TABLE translation_dictionary (
    id              uuid         NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    source_text     text         NOT NULL,
    source_language text         NOT NULL,
    target_language text         NOT NULL,
    translated_text text         NOT NULL,
    context         text,
    category        text,
    verified        boolean      NOT NULL DEFAULT false,
    usage_count     bigint       NOT NULL DEFAULT 0,
    confidence      numeric(4,3),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT translation_dictionary_source_language_check CHECK (source_language IN ('en', 'fr')),
    CONSTRAINT translation_dictionary_target_language_check CHECK (target_language IN ('en', 'fr')),
    CONSTRAINT translation_dictionary_languages_differ CHECK (source_language <> target_language),
    CONSTRAINT translation_dictionary_source_text_length CHECK (char_length(btrim(source_text)) BETWEEN 1 AND 500),
    CONSTRAINT translation_dictionary_usage_count_check CHECK (usage_count >= 0),
    CONSTRAINT translation_dictionary_confidence_range CHECK (confidence BETWEEN 0 AND 1)
);

CREATE UNIQUE INDEX translation_dictionary_term_unique
    ON translation_dictionary (source_language, target_language, lower(source_text), coalesce(context, ''));

COMMENT ON TABLE translation_dictionary IS
    'Verified glossary consulted before the cache and the LLM (exact, then fuzzy in memory: no pg_trgm). Read-only for client sessions.';
COMMENT ON COLUMN translation_dictionary.context IS 'Usage context; the same term may translate differently per context.';
COMMENT ON COLUMN translation_dictionary.confidence IS 'Translation confidence 0.0-1.0.';

-- =============================================================================================
-- 7. Background processing (agency)
-- =============================================================================================
CREATE TABLE queue_jobs (
    id               uuid          NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    job_type         text          NOT NULL,
    status           text          NOT NULL DEFAULT 'pending',
    payload          jsonb         NOT NULL DEFAULT '{}',
    result           jsonb,
    error            text,
    dedupe_key       text,
    attempts         integer       NOT NULL DEFAULT 0,
    max_attempts     integer       NOT NULL DEFAULT 5,
    timeout_seconds  integer       NOT NULL DEFAULT 300,
    run_after        timestamptz   NOT NULL DEFAULT now(),
    locked_by        text,
    locked_until     timestamptz,
    last_error       text,
    progress         numeric(5,2)  NOT NULL DEFAULT 0,
    progress_message text,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    started_at       timestamptz,
    completed_at     timestamptz,

    CONSTRAINT queue_jobs_job_type_format CHECK (job_type ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT queue_jobs_status_check CHECK (status IN ('pending', 'running', 'completed', 'failed')),
    CONSTRAINT queue_jobs_payload_object CHECK (jsonb_typeof(payload) = 'object'),
    CONSTRAINT queue_jobs_attempts_check CHECK (attempts >= 0),
    CONSTRAINT queue_jobs_max_attempts_check CHECK (max_attempts >= 1),
    CONSTRAINT queue_jobs_timeout_check CHECK (timeout_seconds > 0),
    CONSTRAINT queue_jobs_progress_range CHECK (progress BETWEEN 0 AND 100),
    CONSTRAINT queue_jobs_running_is_locked
        CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_until IS NOT NULL)),
    CONSTRAINT queue_jobs_finished_has_time
        CHECK (status NOT IN ('completed', 'failed') OR completed_at IS NOT NULL)
);

-- Enqueueing the same logical job twice (e.g. the daily prospect queue of one day) is a no-op.
CREATE UNIQUE INDEX queue_jobs_type_dedupe_unique ON queue_jobs (job_type, dedupe_key) WHERE dedupe_key IS NOT NULL;
-- Claim: pending jobs due now; reclaim: running jobs whose lease ran out (crashed worker).
CREATE INDEX queue_jobs_pending_idx ON queue_jobs (run_after) WHERE status = 'pending';
CREATE INDEX queue_jobs_running_lease_idx ON queue_jobs (locked_until) WHERE status = 'running';
CREATE INDEX queue_jobs_status_created_idx ON queue_jobs (status, created_at DESC);
CREATE INDEX queue_jobs_type_created_idx ON queue_jobs (job_type, created_at DESC);

COMMENT ON TABLE queue_jobs IS
    'Background job queue and transactional outbox. Workers claim with FOR UPDATE SKIP LOCKED (pending and run_after <= now(), or running with locked_until < now()), set running + lease, retry with back-off via run_after.';
COMMENT ON COLUMN queue_jobs.job_type IS
    'snake_case job type: daily_prospect_queue, bulk_email, intelligence_analysis (documented), lead_enrichment, auto_reply, cleanup, ...';
COMMENT ON COLUMN queue_jobs.status IS 'pending -> running -> completed | failed (the original documented "processing" for running).';
COMMENT ON COLUMN queue_jobs.payload IS 'Job input (ids only where possible, e.g. {"client_id": "...", "lead_id": "..."}).';
COMMENT ON COLUMN queue_jobs.result IS 'Job output after completion.';
COMMENT ON COLUMN queue_jobs.error IS 'Final error when the job ended failed (documented field).';
COMMENT ON COLUMN queue_jobs.last_error IS 'Error of the most recent failed attempt (kept while retrying).';
COMMENT ON COLUMN queue_jobs.dedupe_key IS 'Optional: unique per job_type among all jobs, for idempotent enqueueing.';
COMMENT ON COLUMN queue_jobs.attempts IS 'Attempts started so far (incremented on claim).';
COMMENT ON COLUMN queue_jobs.timeout_seconds IS 'Run budget of one attempt; the lease locked_until = claim time + this.';
COMMENT ON COLUMN queue_jobs.run_after IS 'Not claimed before this time (scheduling and retry back-off).';
COMMENT ON COLUMN queue_jobs.locked_by IS 'Worker (silo + worker id) holding the lease.';
COMMENT ON COLUMN queue_jobs.locked_until IS 'Lease end; a running job past it is reclaimed.';
COMMENT ON COLUMN queue_jobs.progress IS 'Progress percent 0-100, shown in the dashboard.';

-- =============================================================================================
-- 8. Supporting tables
-- =============================================================================================
CREATE TABLE integration_logs (
    id              uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    client_id       uuid        NOT NULL REFERENCES clients (client_id),
    lead_id         uuid,
    api_key         text,
    auth_method     text,
    endpoint        text        NOT NULL,
    method          text        NOT NULL,
    request_body    jsonb,
    response_status smallint,
    response_body   jsonb,
    ip_address      inet,
    user_agent      text,
    origin          text,
    duration_ms     integer,
    created_at      timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT integration_logs_lead_fk FOREIGN KEY (client_id, lead_id)
        REFERENCES lead_memory (client_id, id) ON DELETE CASCADE,
    CONSTRAINT integration_logs_api_key_masked CHECK (api_key ~ '[*…]'),
    CONSTRAINT integration_logs_auth_method_check CHECK (auth_method IN ('api_key', 'form_key', 'session')),
    CONSTRAINT integration_logs_method_check CHECK (method IN ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')),
    CONSTRAINT integration_logs_response_status_range CHECK (response_status BETWEEN 100 AND 599),
    CONSTRAINT integration_logs_duration_check CHECK (duration_ms >= 0)
);

CREATE INDEX integration_logs_client_created_idx ON integration_logs (client_id, created_at DESC);
CREATE INDEX integration_logs_client_lead_idx ON integration_logs (client_id, lead_id) WHERE lead_id IS NOT NULL;

COMMENT ON TABLE integration_logs IS
    'Append-only log of API requests from a client''s forms and integrations. Requests whose key matches no client are not logged here (no tenant): they go to the structured logs.';
COMMENT ON COLUMN integration_logs.lead_id IS 'Lead created by the request, if any; the log goes with the lead on a data-subject deletion.';
COMMENT ON COLUMN integration_logs.api_key IS 'Masked key (visible prefix + "…" or "*"); never the full key.';
COMMENT ON COLUMN integration_logs.auth_method IS 'How the request authenticated: api_key (X-Api-Key), form_key (plain HTML form) or session.';
COMMENT ON COLUMN integration_logs.request_body IS 'Request data as JSON (form posts converted); secrets removed.';
COMMENT ON COLUMN integration_logs.origin IS 'Origin header of browser requests (CORS check).';

CREATE TABLE avenir_profile_embeddings (
    id              uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    chunk_index     integer     NOT NULL,
    chunk_text      text        NOT NULL,
    embedding       real[]      NOT NULL,
    embedding_model text        NOT NULL,
    dimensions      integer     NOT NULL GENERATED ALWAYS AS (cardinality(embedding)) STORED,
    metadata        jsonb       NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT avenir_profile_embeddings_model_chunk_unique UNIQUE (embedding_model, chunk_index),
    CONSTRAINT avenir_profile_embeddings_chunk_index_check CHECK (chunk_index >= 0),
    CONSTRAINT avenir_profile_embeddings_chunk_text_not_blank CHECK (btrim(chunk_text) <> ''),
    CONSTRAINT avenir_profile_embeddings_vector_shape
        CHECK (array_ndims(embedding) = 1 AND cardinality(embedding) > 0 AND array_position(embedding, NULL) IS NULL),
    CONSTRAINT avenir_profile_embeddings_model_not_blank CHECK (btrim(embedding_model) <> ''),
    CONSTRAINT avenir_profile_embeddings_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

COMMENT ON TABLE avenir_profile_embeddings IS
    'The agency profile, chunked and embedded. Vectors of different models are not comparable: always filter by embedding_model (similarity is computed in the application; no pgvector).';
COMMENT ON COLUMN avenir_profile_embeddings.chunk_index IS 'Position of the chunk in the profile.';
COMMENT ON COLUMN avenir_profile_embeddings.embedding IS 'Embedding vector (e.g. 384-d MiniLM locally, 1536-d from a provider).';
COMMENT ON COLUMN avenir_profile_embeddings.embedding_model IS 'Model that produced the vector, e.g. all-MiniLM-L6-v2 or text-embedding-ada-002.';
COMMENT ON COLUMN avenir_profile_embeddings.dimensions IS 'Vector length (generated).';

CREATE TABLE intent_translations (
    id             uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    intent         text        NOT NULL,
    intent_en      text        NOT NULL,
    intent_fr      text        NOT NULL,
    description_en text,
    description_fr text,
    category       text        NOT NULL,
    sort_order     smallint    NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT intent_translations_intent_unique UNIQUE (intent),
    CONSTRAINT intent_translations_intent_en_unique UNIQUE (intent_en),
    CONSTRAINT intent_translations_intent_fr_unique UNIQUE (intent_fr),
    CONSTRAINT intent_translations_intent_format CHECK (intent ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT intent_translations_category_format CHECK (category ~ '^[a-z][a-z0-9_]*$')
);

COMMENT ON TABLE intent_translations IS 'The lead intent taxonomy with its English and French names (reference data, readable by client sessions).';
COMMENT ON COLUMN intent_translations.intent IS 'Machine label stored in lead_memory.intent, e.g. pricing_quote.';
COMMENT ON COLUMN intent_translations.intent_en IS 'English display name.';
COMMENT ON COLUMN intent_translations.intent_fr IS 'French (Québec) display name.';
COMMENT ON COLUMN intent_translations.category IS 'Intent group: sales, partnership, customer_care, recruiting, media, unsolicited, information.';

-- ---------------------------------------------------------------------------------------------
-- updated_at triggers on every Avenir table that has the column.
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'clients', 'lead_memory', 'lead_notes', 'growth_brain', 'feedback_tracking',
        'prompt_registry', 'prompt_ab_tests', 'prompt_performance', 'prospect_candidates',
        'prospect_outreach_log', 'prospect_industry_performance', 'prospect_form_tests',
        'email_templates', 'outreach_campaigns', 'outreach_emails', 'outreach_metrics',
        'translation_cache', 'translation_dictionary', 'queue_jobs',
        'avenir_profile_embeddings', 'intent_translations']
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION avenir_touch_updated_at()',
            t || '_touch_updated_at', t);
    END LOOP;
END
$$;
