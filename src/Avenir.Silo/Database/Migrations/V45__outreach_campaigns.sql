-- V45: what the campaign feature (issue 12, docs/decisions/0013-outreach-campaigns.md) needs beyond V11's tables.
--
--   * outreach_emails: the recipient's time zone (send window), the threading headers and tracked links recorded
--     before the send (a crash-retried send keeps them), the language and the A/B arm it was generated with.
--   * outreach_tracking.event_key: makes an event idempotent (a mailbox scanned twice, a DSN seen in two folders).
--   * outreach_campaigns.status_reason: why a campaign was paused (e.g. bounce_rate).
--   * outreach_suppressions: the outreach-owned do-not-contact list (address- and prospect-level), checked by every
--     send; honoured immediately and permanently (CASL / Law 25). It outlives the prospect row (ON DELETE SET NULL).

ALTER TABLE outreach_emails
    ADD COLUMN recipient_time_zone text,
    ADD COLUMN message_references  text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN tracked_links       jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN language            text,
    ADD COLUMN ab_arm              text,
    ADD COLUMN soft_bounce_count   integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT outreach_emails_tracked_links_array CHECK (jsonb_typeof(tracked_links) = 'array'),
    ADD CONSTRAINT outreach_emails_language_check CHECK (language IN ('en', 'fr')),
    ADD CONSTRAINT outreach_emails_ab_arm_check CHECK (ab_arm IN ('a', 'b')),
    ADD CONSTRAINT outreach_emails_soft_bounce_count_check CHECK (soft_bounce_count >= 0);

COMMENT ON COLUMN outreach_emails.recipient_time_zone IS 'IANA zone of the recipient (from the prospect''s province); the send window applies there.';
COMMENT ON COLUMN outreach_emails.message_references IS 'The References header of this message, oldest first (the thread before it).';
COMMENT ON COLUMN outreach_emails.tracked_links IS 'The links rewritten for click tracking, [{"index": 0, "url": "https://…"}]: the only URLs a click token of this email may redirect to.';
COMMENT ON COLUMN outreach_emails.ab_arm IS 'A/B arm (a, b) the email was generated with, when the campaign tests templates.';

CREATE INDEX outreach_emails_client_campaign_due_idx ON outreach_emails (client_id, campaign_id, scheduled_at)
    WHERE status = 'approved';

ALTER TABLE outreach_tracking
    ADD COLUMN event_key text,
    ADD CONSTRAINT outreach_tracking_event_key_length CHECK (char_length(event_key) BETWEEN 1 AND 998);

CREATE UNIQUE INDEX outreach_tracking_client_event_key_unique
    ON outreach_tracking (client_id, email_id, action, event_key) WHERE event_key IS NOT NULL;

COMMENT ON COLUMN outreach_tracking.event_key IS
    'Idempotency key of the event (the incoming Message-ID of a reply or DSN, ''send'' for the send): recorded once.';

ALTER TABLE outreach_campaigns
    ADD COLUMN status_reason text,
    ADD CONSTRAINT outreach_campaigns_status_reason_format CHECK (status_reason ~ '^[a-z][a-z0-9_]*$');

COMMENT ON COLUMN outreach_campaigns.status_reason IS 'Why the campaign has its status when the system set it (bounce_rate: auto-paused).';

CREATE TABLE outreach_suppressions (
    id          uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    address     text,
    prospect_id uuid        REFERENCES prospect_candidates (id) ON DELETE SET NULL,
    reason      text        NOT NULL,
    campaign_id uuid,
    email_id    uuid,
    detail      text,
    created_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT outreach_suppressions_target CHECK (address IS NOT NULL OR prospect_id IS NOT NULL),
    CONSTRAINT outreach_suppressions_address_lower CHECK (address = lower(address) AND address ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT outreach_suppressions_reason_check CHECK (reason IN ('unsubscribed', 'hard_bounce', 'complaint', 'manual'))
);

CREATE UNIQUE INDEX outreach_suppressions_address_unique ON outreach_suppressions (address) WHERE address IS NOT NULL;
CREATE UNIQUE INDEX outreach_suppressions_prospect_unique ON outreach_suppressions (prospect_id)
    WHERE address IS NULL AND prospect_id IS NOT NULL;
CREATE INDEX outreach_suppressions_prospect_idx ON outreach_suppressions (prospect_id) WHERE prospect_id IS NOT NULL;

COMMENT ON TABLE outreach_suppressions IS
    'Outreach do-not-contact list (agency): an address or a prospect never emailed again. Insert-only; every send checks it.';

ALTER TABLE outreach_suppressions ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_suppressions FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON outreach_suppressions FOR ALL TO "${app_role}", "${app_role}_system"
    USING (avenir_is_system()) WITH CHECK (avenir_is_system());

-- prospect_outreach_log: one row per outreach email, following every change of it (review, send, events), so the
-- prospect's outreach history is complete; its status takes the email's vocabulary.
ALTER TABLE prospect_outreach_log
    ADD COLUMN outreach_email_id uuid,
    DROP CONSTRAINT prospect_outreach_log_status_check,
    ADD CONSTRAINT prospect_outreach_log_status_check CHECK (status IN (
        'pending', 'approved', 'rejected', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced', 'failed',
        'cancelled', 'unsubscribed', 'ignored'));

CREATE UNIQUE INDEX prospect_outreach_log_outreach_email_unique ON prospect_outreach_log (outreach_email_id)
    WHERE outreach_email_id IS NOT NULL;

COMMENT ON COLUMN prospect_outreach_log.outreach_email_id IS 'The outreach_emails row this log row follows (one row per email).';
