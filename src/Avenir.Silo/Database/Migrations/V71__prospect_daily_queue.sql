-- V71: the daily prospect queue (issue 11, docs/prospects.md "Daily queue"): the prospects chosen each day for
-- outreach, written once per day by the daily_prospect_queue job. The day's row in prospect_daily_queue_days is
-- inserted in the same transaction as its selection, so a day is selected exactly once, however often the job runs.
CREATE TABLE prospect_daily_queue_days (
    queue_date  date        NOT NULL PRIMARY KEY,
    selected    integer     NOT NULL,
    job_id      uuid,
    selected_at timestamptz NOT NULL,

    CONSTRAINT prospect_daily_queue_days_selected_check CHECK (selected >= 0)
);

CREATE TABLE prospect_daily_queue (
    queue_date  date        NOT NULL REFERENCES prospect_daily_queue_days (queue_date) ON DELETE CASCADE,
    position    integer     NOT NULL,
    prospect_id uuid        NOT NULL REFERENCES prospect_candidates (id) ON DELETE CASCADE,
    industry    text,
    score       smallint,

    PRIMARY KEY (queue_date, prospect_id),
    CONSTRAINT prospect_daily_queue_position_unique UNIQUE (queue_date, position),
    CONSTRAINT prospect_daily_queue_position_check CHECK (position >= 1)
);

-- "New" = never queued before: the selection skips every prospect with a row here.
CREATE INDEX prospect_daily_queue_prospect_idx ON prospect_daily_queue (prospect_id);

COMMENT ON TABLE prospect_daily_queue_days IS 'One row per day the daily prospect queue was selected (idempotency key).';
COMMENT ON TABLE prospect_daily_queue IS
    'The prospects selected for a day: new, uncontacted, not do-not-contact, best scored, round robin over industries.';

ALTER TABLE prospect_daily_queue_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE prospect_daily_queue_days FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON prospect_daily_queue_days FOR ALL TO "${app_role}", "${app_role}_system"
    USING (avenir_is_system()) WITH CHECK (avenir_is_system());
ALTER TABLE prospect_daily_queue ENABLE ROW LEVEL SECURITY;
ALTER TABLE prospect_daily_queue FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON prospect_daily_queue FOR ALL TO "${app_role}", "${app_role}_system"
    USING (avenir_is_system()) WITH CHECK (avenir_is_system());
