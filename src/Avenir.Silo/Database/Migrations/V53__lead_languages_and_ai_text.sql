-- V53: other languages, AI-written summaries and their translation, AI fallbacks on the lead's activity (decision 0015).
--
-- 1. language: 'en' | 'fr' as before, or 'other' for a message in another language (never silently 'en'); which
--    one is in detected_language (ISO 639-1, or 'und' for a script no known language uses). For English and French
--    leads detected_language equals language; NULL until enriched.
-- 2. ai_summary_source: how ai_summary was written ('llm' abstractive, validated; 'extractive' the message's own
--    sentences); ai_summary_language: the language it is in. ai_summary_translation: the summary in the other
--    dashboard language (en ↔ fr) from the translator (dictionary → cache → LLM), when it could translate it.
-- 3. lead_actions 'ai_fallback': an AI-written text (reply, summary) was refused by its guardrails or failed, and
--    what answered instead; widened from the constraint as it stands (as V35 does), not restated.
ALTER TABLE lead_memory DROP CONSTRAINT lead_memory_language_check;
ALTER TABLE lead_memory
    ADD CONSTRAINT lead_memory_language_check CHECK (language IN ('en', 'fr', 'other')),
    ADD COLUMN detected_language              text,
    ADD COLUMN ai_summary_source              text,
    ADD COLUMN ai_summary_language            text,
    ADD COLUMN ai_summary_translation         text,
    ADD COLUMN ai_summary_translation_language text,
    ADD CONSTRAINT lead_memory_detected_language_format CHECK (detected_language ~ '^[a-z]{2,3}$'),
    ADD CONSTRAINT lead_memory_detected_language_other
        CHECK (language IS DISTINCT FROM 'other' OR detected_language NOT IN ('en', 'fr')),
    ADD CONSTRAINT lead_memory_ai_summary_source_check CHECK (ai_summary_source IN ('llm', 'extractive')),
    ADD CONSTRAINT lead_memory_ai_summary_language_format CHECK (ai_summary_language ~ '^[a-z]{2,3}$'),
    ADD CONSTRAINT lead_memory_ai_summary_translation_language_check CHECK (ai_summary_translation_language IN ('en', 'fr')),
    ADD CONSTRAINT lead_memory_ai_summary_translation_pair
        CHECK ((ai_summary_translation IS NULL) = (ai_summary_translation_language IS NULL));

COMMENT ON COLUMN lead_memory.language IS
    'en or fr (the message''s language; mixed messages: the majority), or other (detected_language says which); the form''s declared language until enriched.';
COMMENT ON COLUMN lead_memory.detected_language IS
    'ISO 639-1 code of the message''s language as detected at enrichment (und: a script no known language uses); equals language for en/fr.';
COMMENT ON COLUMN lead_memory.ai_summary_source IS 'llm (abstractive, validated against the message) or extractive (the message''s own sentences).';
COMMENT ON COLUMN lead_memory.ai_summary_language IS 'The language ai_summary is written in.';
COMMENT ON COLUMN lead_memory.ai_summary_translation IS 'ai_summary in ai_summary_translation_language (the other of en/fr), by the translator.';

DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition
      FROM pg_constraint WHERE conrelid = 'lead_actions'::regclass AND conname = 'lead_actions_action_type_check';
    IF definition IS NULL OR position('ARRAY[' IN definition) = 0 THEN
        RAISE EXCEPTION 'lead_actions_action_type_check has an unexpected form: %', definition;
    END IF;
    IF position('''ai_fallback''' IN definition) = 0 THEN
        ALTER TABLE lead_actions DROP CONSTRAINT lead_actions_action_type_check;
        EXECUTE 'ALTER TABLE lead_actions ADD CONSTRAINT lead_actions_action_type_check '
            || replace(definition, 'ARRAY[', 'ARRAY[''ai_fallback''::text, ');
    END IF;
END
$$;
