-- V72: what IndustryPerformanceGrain needs to keep prospect_industry_performance exactly (issue 11): the outreach events
-- it has counted (an event handed to it twice, a retried campaign step, counts once) and how many replies the average
-- response time is over (a running mean needs its count).
CREATE TABLE prospect_industry_events (
    email_id    uuid        NOT NULL,
    action      text        NOT NULL,
    industry    text        NOT NULL,
    prospect_id uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    counted_at  timestamptz NOT NULL,

    PRIMARY KEY (email_id, action)
);

CREATE INDEX prospect_industry_events_industry_idx ON prospect_industry_events (industry, occurred_at);

ALTER TABLE prospect_industry_performance
    ADD COLUMN response_time_samples integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT prospect_industry_performance_samples_check CHECK (response_time_samples >= 0);

COMMENT ON TABLE prospect_industry_events IS 'Outreach events counted into prospect_industry_performance, one per (email, action).';
COMMENT ON COLUMN prospect_industry_performance.response_time_samples IS 'Replies with a known response time behind avg_response_time_hours.';

ALTER TABLE prospect_industry_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE prospect_industry_events FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON prospect_industry_events FOR ALL TO "${app_role}", "${app_role}_system"
    USING (avenir_is_system()) WITH CHECK (avenir_is_system());
