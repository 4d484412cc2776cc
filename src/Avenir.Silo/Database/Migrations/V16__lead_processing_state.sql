-- V16: what the job handlers that follow a lead's capture record on the lead (decision 0004).
--
-- enrichment_job_id makes applying an enrichment idempotent: a job that runs twice (its worker crashed
-- after applying, before completing) must not append to the histories twice.
-- auto_reply_status/message_id make the auto-reply at most once per lead, up to a documented window:
-- the Message-ID is reserved ('sending') before the SMTP send and the reply is marked 'sent' after it.
ALTER TABLE lead_memory
    ADD COLUMN enrichment_job_id     uuid,
    ADD COLUMN auto_reply_status     text,
    ADD COLUMN auto_reply_message_id text,
    ADD COLUMN auto_reply_note       text,
    ADD CONSTRAINT lead_memory_auto_reply_status_check CHECK (auto_reply_status IN ('sending', 'sent', 'skipped')),
    ADD CONSTRAINT lead_memory_auto_reply_sent_pair
        CHECK ((auto_reply_status IS NOT DISTINCT FROM 'sent') = (auto_reply_sent_at IS NOT NULL)),
    ADD CONSTRAINT lead_memory_auto_reply_message_id_when_sending
        CHECK (auto_reply_status NOT IN ('sending', 'sent') OR auto_reply_message_id IS NOT NULL),
    ADD CONSTRAINT lead_memory_auto_reply_message_id_format
        CHECK (auto_reply_message_id ~ '^[^<>@\s]+@[^<>@\s]+$');

COMMENT ON COLUMN lead_memory.enrichment_job_id IS 'The queue_jobs id whose enrichment is the current one; applying the same job again is a no-op.';
COMMENT ON COLUMN lead_memory.auto_reply_status IS
    'NULL (not started), sending (Message-ID reserved; sent or interrupted), sent (auto_reply_sent_at set) or skipped (auto_reply_note says why).';
COMMENT ON COLUMN lead_memory.auto_reply_message_id IS 'RFC 5322 Message-ID of the auto-reply, without angle brackets; reserved before sending.';
COMMENT ON COLUMN lead_memory.auto_reply_note IS 'Why no auto-reply was sent, or which template and language were used.';
