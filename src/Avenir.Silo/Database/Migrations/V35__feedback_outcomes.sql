-- V35: auto-reply outcomes and the learning loop (docs/learning-loop.md).
--
-- 1. An auto-reply's outcome (answered or bounced) is found by the Message-ID the reply went out with. The
--    lookup runs as system for every client at once; it names the clients (client_id = ANY(...)) so this
--    index still leads with client_id (index rule, decision 0002).
CREATE INDEX lead_memory_client_auto_reply_message_idx ON lead_memory (client_id, auto_reply_message_id)
    WHERE auto_reply_message_id IS NOT NULL;

-- 2. One email_response feedback row per lead and event ('replied' / 'bounced'): the grain checks first,
--    this makes a concurrent second recording fail instead of doubling the outcome.
CREATE UNIQUE INDEX feedback_tracking_client_lead_email_event_unique
    ON feedback_tracking (client_id, lead_id, (context_data ->> 'event'))
    WHERE action_type = 'email_response' AND lead_id IS NOT NULL;

-- 3. The outcome is written to the lead's audit trail too. The allowed action types are widened from the
--    constraint as it stands (other features may have widened it already), not restated.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition
      FROM pg_constraint WHERE conrelid = 'lead_actions'::regclass AND conname = 'lead_actions_action_type_check';
    IF definition IS NULL OR position('ARRAY[' IN definition) = 0 THEN
        RAISE EXCEPTION 'lead_actions_action_type_check has an unexpected form: %', definition;
    END IF;
    IF position('auto_reply_replied' IN definition) = 0 THEN
        ALTER TABLE lead_actions DROP CONSTRAINT lead_actions_action_type_check;
        EXECUTE 'ALTER TABLE lead_actions ADD CONSTRAINT lead_actions_action_type_check '
            || replace(definition, 'ARRAY[', 'ARRAY[''auto_reply_replied''::text, ''auto_reply_bounced''::text, ');
    END IF;
END
$$;
