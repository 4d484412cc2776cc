-- V70: the agency's ideal customer profile as data (issue 11, docs/prospects.md "ICP"): what discovery searches the
-- sources for. One row (id is always true); written only by IIdealCustomerProfileGrain, read by the discovery job.
CREATE TABLE prospect_icp (
    id            boolean     NOT NULL DEFAULT true PRIMARY KEY,
    industries    text[]      NOT NULL DEFAULT '{}',
    regions       jsonb       NOT NULL DEFAULT '[]',
    languages     text[]      NOT NULL DEFAULT '{}',
    min_employees integer,
    max_employees integer,
    keywords      text[]      NOT NULL DEFAULT '{}',
    updated_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT prospect_icp_single_row CHECK (id),
    CONSTRAINT prospect_icp_regions_array CHECK (jsonb_typeof(regions) = 'array'),
    CONSTRAINT prospect_icp_languages_known CHECK (languages <@ ARRAY['en', 'fr']::text[]),
    CONSTRAINT prospect_icp_size_check CHECK (min_employees >= 1 AND max_employees >= 1
        AND (min_employees IS NULL OR max_employees IS NULL OR min_employees <= max_employees))
);

COMMENT ON TABLE prospect_icp IS 'The agency''s ideal customer profile (one row): industries, regions, languages, size, keywords.';
COMMENT ON COLUMN prospect_icp.regions IS '[{"country", "region", "city"}]: country required (as the sources write it, e.g. canada).';

ALTER TABLE prospect_icp ENABLE ROW LEVEL SECURITY;
ALTER TABLE prospect_icp FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON prospect_icp FOR ALL TO "${app_role}", "${app_role}_system"
    USING (avenir_is_system()) WITH CHECK (avenir_is_system());
