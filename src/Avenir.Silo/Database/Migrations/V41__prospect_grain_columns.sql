-- V41: what ProspectGrain (the single writer of a prospect_candidates row, issue 11, docs/decisions/0012) keeps of a
-- prospect besides V11's columns. The row's website is always 'https://' || the normalised domain (ProspectDomain:
-- punycode, no www., no port or path), so the generated website_domain is the grain's key; the websites as the
-- sources wrote them stay in profile.records.
ALTER TABLE prospect_candidates
    ADD COLUMN sources           text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN first_seen_at     timestamptz,
    ADD COLUMN last_seen_at      timestamptz,
    ADD COLUMN employee_count    integer,
    ADD COLUMN country           text,
    ADD COLUMN has_contact_form  boolean,
    ADD COLUMN score_explanation jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN profile           jsonb       NOT NULL DEFAULT '{}',
    ADD CONSTRAINT prospect_candidates_sources_known
        CHECK (sources <@ ARRAY['pdl', 'apollo', 'google', 'csv', 'manual']::text[]),
    ADD CONSTRAINT prospect_candidates_employee_count_check CHECK (employee_count >= 0),
    ADD CONSTRAINT prospect_candidates_score_explanation_array CHECK (jsonb_typeof(score_explanation) = 'array'),
    ADD CONSTRAINT prospect_candidates_profile_object CHECK (jsonb_typeof(profile) = 'object');

-- A prospect's language is often unknown (PDL and Apollo do not say it): NULL, not a guessed 'en'.
ALTER TABLE prospect_candidates ALTER COLUMN language DROP NOT NULL, ALTER COLUMN language DROP DEFAULT;

CREATE INDEX prospect_candidates_sources_idx ON prospect_candidates USING gin (sources);
CREATE INDEX prospect_candidates_score_idx ON prospect_candidates (automation_need_score DESC, id);

COMMENT ON COLUMN prospect_candidates.sources IS 'Every source that named the prospect, most trusted first (csv, pdl, apollo, google).';
COMMENT ON COLUMN prospect_candidates.first_seen_at IS 'Earliest sighting by any source.';
COMMENT ON COLUMN prospect_candidates.last_seen_at IS 'Latest sighting that told something new.';
COMMENT ON COLUMN prospect_candidates.has_contact_form IS 'From the latest form test: NULL not looked at, false no contact form found.';
COMMENT ON COLUMN prospect_candidates.score_explanation IS
    'automation_need_score per signal: [{"signal", "points", "maxPoints", "reason"}] (docs/prospects.md).';
COMMENT ON COLUMN prospect_candidates.profile IS
    'ProspectGrain''s inputs: {"records": [the latest record of each source], "formTest": the latest finished test''s signal}.';
