-- V73: CASL consent evidence per prospect (issue 12 item 7, docs/decisions/0013-outreach-campaigns.md "Consent").
-- Insert-only: each row is one piece of evidence as it was recorded (by a person, the development seed or an import);
-- the newest row for the recipient's address is the basis the send path evaluates (ConsentCheck). A table rather than
-- columns on prospect_candidates: the history is the proof CASL s. 13 puts on the sender, and a prospect may have
-- several addresses, each with its own basis. Written only by ProspectGrain, read by CampaignGrain and the admin API.
CREATE TABLE prospect_consent (
    id                   uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    prospect_id          uuid        NOT NULL REFERENCES prospect_candidates (id) ON DELETE CASCADE,
    basis_kind           text        NOT NULL,
    email_address        text        NOT NULL,
    source_url           text,
    seen_at              timestamptz NOT NULL,
    method               text,
    page_refuses_email   boolean     NOT NULL DEFAULT false,
    note                 text        NOT NULL,
    recorded_by          text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT prospect_consent_kind_check
        CHECK (basis_kind IN ('conspicuous_publication', 'express_consent', 'existing_business_relationship')),
    CONSTRAINT prospect_consent_address_lower CHECK (email_address = lower(email_address) AND email_address ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT prospect_consent_publication_url
        CHECK (basis_kind <> 'conspicuous_publication' OR source_url ~ '^https?://'),
    CONSTRAINT prospect_consent_method_check CHECK (
        (basis_kind = 'express_consent' AND method IN ('web_form', 'email', 'written', 'oral'))
        OR (basis_kind = 'existing_business_relationship' AND method IN ('purchase_or_contract', 'inquiry'))
        OR (basis_kind = 'conspicuous_publication' AND method IS NULL)),
    CONSTRAINT prospect_consent_note_length CHECK (char_length(note) BETWEEN 1 AND 2000),
    CONSTRAINT prospect_consent_recorded_by_length CHECK (char_length(recorded_by) BETWEEN 1 AND 320)
);

CREATE INDEX prospect_consent_prospect_idx ON prospect_consent (prospect_id, email_address, created_at DESC);
-- The same evidence twice (a CSV imported again) is one row.
CREATE UNIQUE INDEX prospect_consent_evidence_unique
    ON prospect_consent (prospect_id, email_address, basis_kind, seen_at, (coalesce(source_url, '')));

COMMENT ON TABLE prospect_consent IS
    'CASL consent evidence per prospect and address (insert-only; the newest row per address is the basis in force).';
COMMENT ON COLUMN prospect_consent.source_url IS 'conspicuous_publication: the page the address was published on (required); else optional.';
COMMENT ON COLUMN prospect_consent.seen_at IS 'When the address was seen on the page, the consent given, or the relationship began.';
COMMENT ON COLUMN prospect_consent.method IS 'express_consent: web_form, email, written, oral; existing_business_relationship: purchase_or_contract, inquiry.';
COMMENT ON COLUMN prospect_consent.note IS 'The evidence (express, relationship) or why the message is relevant to the business (publication).';
COMMENT ON COLUMN prospect_consent.recorded_by IS 'Who recorded it: the admin''s email, "development seed", or the import.';

ALTER TABLE prospect_consent ENABLE ROW LEVEL SECURITY;
ALTER TABLE prospect_consent FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON prospect_consent FOR ALL TO "${app_role}", "${app_role}_system"
    USING (avenir_is_system()) WITH CHECK (avenir_is_system());
