-- V25: the client dashboard (decision 0006).
--
-- A lead's conversion is its own state, not its tag: tags are free labels a user may change after a
-- conversion ("Converted" → "VIP"), and the conversion must survive that. converted_at is set exactly
-- while the lead is converted; convert sets it (and the tag 'Converted'), revert-conversion clears it.
ALTER TABLE lead_memory
    ADD COLUMN converted_at timestamptz;

COMMENT ON COLUMN lead_memory.converted_at IS
    'When the lead was converted; NULL while not converted (a reverted conversion clears it). History in lead_actions (converted / reverted).';

-- The dashboard's lists and counters, each leading with client_id (index rule, decision 0002).
CREATE INDEX lead_memory_client_converted_idx ON lead_memory (client_id, converted_at DESC)
    WHERE converted_at IS NOT NULL;
CREATE INDEX lead_memory_client_confidence_idx ON lead_memory (client_id, confidence_score DESC NULLS LAST, created_at DESC);
CREATE INDEX lead_memory_client_name_idx ON lead_memory (client_id, lower(name), created_at DESC);
CREATE INDEX lead_memory_client_intent_idx ON lead_memory (client_id, intent, created_at DESC) WHERE intent IS NOT NULL;
