-- V74: the winners of a campaign's in-campaign A/B tests (issue 12), one per tested language, kept with the campaign.
-- Written once by the campaign grain when the two-proportion z-test declares a winner; the prospects held back while the
-- test ran are then generated with the winning template.

ALTER TABLE outreach_campaigns
    ADD COLUMN ab_winners jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT outreach_campaigns_ab_winners_object CHECK (jsonb_typeof(ab_winners) = 'object');

COMMENT ON COLUMN outreach_campaigns.ab_winners IS
    'Decided A/B tests by language, e.g. {"en": "b"}: the arm whose template the rest of that language''s prospects get.';
