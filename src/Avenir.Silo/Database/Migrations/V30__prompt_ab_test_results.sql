-- V30: what a finished prompt A/B test records beyond V11's columns (docs/prompt-experiments.md).
-- prompt_ab_tests is an agency table (system sessions only, V12): no client_id, no new policy needed.

ALTER TABLE prompt_ab_tests
    ADD COLUMN quality_p_value double precision,
    ADD COLUMN end_reason      text,
    ADD CONSTRAINT prompt_ab_tests_quality_p_value_range CHECK (quality_p_value BETWEEN 0 AND 1),
    ADD CONSTRAINT prompt_ab_tests_end_reason_check
        CHECK (end_reason IN ('sample_size_reached', 'max_duration', 'cancelled')),
    ADD CONSTRAINT prompt_ab_tests_ended_has_reason
        CHECK ((status IN ('completed', 'cancelled')) = (end_reason IS NOT NULL));

COMMENT ON COLUMN prompt_ab_tests.quality_p_value IS
    'Two-sided p-value of Welch''s t-test on the continuous quality scores (reported; the decision uses the z-test).';
COMMENT ON COLUMN prompt_ab_tests.end_reason IS
    'Why the test ended: sample_size_reached (decided at the fixed horizon), max_duration (no winner), cancelled.';
