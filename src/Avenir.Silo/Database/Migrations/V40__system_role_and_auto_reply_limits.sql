-- V40: trusted server work comes from a role, not a setting; the auto-reply fails closed and is limited per
-- recipient and per client; credentials carry versions so a rotation or a password change takes effect at once.
-- (docs/security.md)

-- ---------------------------------------------------------------------------------------------
-- 1. The system role. Until now any transaction of ${app_role} could set avenir.role = 'system' and see every
--    tenant. Now system scope is the role ${app_role}_system, which the application enters with
--    set_config('role', …, true) (SET LOCAL ROLE) for trusted work only; a setting grants nothing.
--    ${app_role} is a member (so it may enter it) but does not inherit it (NOINHERIT), and the role has no login.
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    existing pg_roles%ROWTYPE;
BEGIN
    SELECT * INTO existing FROM pg_roles WHERE rolname = '${app_role}_system';
    IF NOT FOUND THEN
        BEGIN
            EXECUTE format(
                'CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', '${app_role}_system');
        EXCEPTION
            -- Roles are cluster-wide: another database's migration created it meanwhile.
            WHEN duplicate_object OR unique_violation THEN
                RAISE NOTICE 'role % was created concurrently; reusing it', '${app_role}_system';
        END;
    ELSIF existing.rolsuper OR existing.rolbypassrls THEN
        RAISE EXCEPTION 'role % exists but is SUPERUSER or BYPASSRLS', '${app_role}_system';
    END IF;

    EXECUTE format('ALTER ROLE %I NOINHERIT', '${app_role}');
    EXECUTE format('GRANT %I TO %I', '${app_role}_system', '${app_role}');
    -- The migrating owner hands functions to the system role below, which needs membership unless it is superuser.
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT %I TO %I', '${app_role}_system', current_user);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION avenir_is_system() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT current_user = '${app_role}_system'
$$;

COMMENT ON FUNCTION avenir_is_system() IS
    'True when the transaction runs as the system role (SET LOCAL ROLE ${app_role}_system): trusted server work, sees every row.';

-- Every policy written for ${app_role} now also applies to the system role, which checks avenir_is_system().
-- A later migration that creates a policy must name both roles.
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN
        SELECT policyname, tablename FROM pg_policies
         WHERE schemaname = 'public' AND '${app_role}' = ANY (roles)
    LOOP
        EXECUTE format('ALTER POLICY %I ON %I TO %I, %I', p.policyname, p.tablename, '${app_role}', '${app_role}_system');
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO "${app_role}_system";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${app_role}_system";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${app_role}_system";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "${app_role}_system";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${app_role}_system";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "${app_role}_system";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO "${app_role}_system";

DO $$
BEGIN
    -- Evolve's history stays the migrator's alone (as V12 does for ${app_role}).
    IF to_regclass('public.changelog') IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON TABLE public.changelog FROM %I', '${app_role}_system');
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- 2. Credential versions: a password change or demotion ends the account's other sessions (session_version is
--    in the session cookie); a key rotation, revocation or form-key rotation invalidates every API instance's
--    cached key look-up at once (key_version travels with the client's profile).
--    Auto-replies paused: set when the client's replies hit their hourly limit, cleared by the client.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE clients
    ADD COLUMN session_version         integer     NOT NULL DEFAULT 1,
    ADD COLUMN key_version             integer     NOT NULL DEFAULT 1,
    ADD COLUMN auto_reply_paused_at    timestamptz,
    ADD COLUMN auto_reply_pause_reason text,
    ADD COLUMN auto_reply_resumed_at   timestamptz,
    ADD CONSTRAINT clients_auto_reply_pause_pair CHECK ((auto_reply_paused_at IS NULL) = (auto_reply_pause_reason IS NULL));

COMMENT ON COLUMN clients.session_version IS 'Incremented by a password change or a role change: sessions of an older version end.';
COMMENT ON COLUMN clients.key_version IS 'Incremented by every API-key or form-key rotation: cached key look-ups of an older version are redone.';
COMMENT ON COLUMN clients.auto_reply_resumed_at IS 'When the client last resumed paused replies: the hourly count starts again from there.';
COMMENT ON COLUMN clients.auto_reply_paused_at IS 'When the client''s auto-replies were paused (their hourly limit was reached); NULL when sending.';

-- ---------------------------------------------------------------------------------------------
-- 3. The auto-reply fails closed. New outcomes: withheld (not sent, by a rule: unenriched, spam, a limit, paused)
--    and unconfirmed (an attempt was interrupted after the reservation: it may or may not have gone out, and it is
--    never sent again). auto_reply_reason is the rule's code; auto_reply_reserved_at counts toward the limits.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE lead_memory
    DROP CONSTRAINT lead_memory_auto_reply_status_check,
    DROP CONSTRAINT lead_memory_auto_reply_message_id_when_sending,
    ADD COLUMN auto_reply_reserved_at timestamptz,
    ADD COLUMN auto_reply_reason      text,
    ADD CONSTRAINT lead_memory_auto_reply_status_check
        CHECK (auto_reply_status IN ('sending', 'sent', 'skipped', 'withheld', 'unconfirmed')),
    ADD CONSTRAINT lead_memory_auto_reply_message_id_when_sending
        CHECK (auto_reply_status NOT IN ('sending', 'sent', 'unconfirmed') OR auto_reply_message_id IS NOT NULL),
    ADD CONSTRAINT lead_memory_auto_reply_reserved_when_sending
        CHECK (auto_reply_status NOT IN ('sending', 'sent', 'unconfirmed') OR auto_reply_reserved_at IS NOT NULL),
    ADD CONSTRAINT lead_memory_auto_reply_reason_code CHECK (auto_reply_reason ~ '^[a-z_]{1,40}$');

-- Replies reserved before this migration count from when they were sent.
UPDATE lead_memory SET auto_reply_reserved_at = coalesce(auto_reply_sent_at, updated_at)
 WHERE auto_reply_status IN ('sending', 'sent');

COMMENT ON COLUMN lead_memory.auto_reply_reserved_at IS 'When the auto-reply was reserved (sending): what the per-recipient and per-client limits count.';
COMMENT ON COLUMN lead_memory.auto_reply_reason IS 'Why no reply was sent (withheld/skipped) or why it is unconfirmed: a code the dashboard translates.';

CREATE INDEX lead_memory_auto_reply_client_idx ON lead_memory (client_id, auto_reply_reserved_at)
    WHERE auto_reply_reserved_at IS NOT NULL;
CREATE INDEX lead_memory_auto_reply_recipient_idx ON lead_memory (lower(email), auto_reply_reserved_at)
    WHERE auto_reply_reserved_at IS NOT NULL;

-- Replies reserved to one address since a moment, over every client: a lead grain (tenant scope) asks this before
-- reserving, so one person cannot be mailed through many clients' forms. Runs as the system role and answers only a
-- count, never a row.
CREATE FUNCTION avenir_auto_replies_to(recipient text, since timestamptz) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
    SELECT count(*) FROM lead_memory WHERE lower(email) = lower(recipient) AND auto_reply_reserved_at >= since
$$;

ALTER FUNCTION avenir_auto_replies_to(text, timestamptz) OWNER TO "${app_role}_system";
REVOKE ALL ON FUNCTION avenir_auto_replies_to(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION avenir_auto_replies_to(text, timestamptz) TO "${app_role}", "${app_role}_system";

-- ---------------------------------------------------------------------------------------------
-- 4. Auto-reply templates carry no text of the lead's choosing: no name in a subject, no quoted message anywhere.
--    (The renderer enforces it too: a subject sees only the business's values, and names are reduced to letters.)
-- ---------------------------------------------------------------------------------------------
ALTER TABLE email_templates NO FORCE ROW LEVEL SECURITY;

UPDATE email_templates
   SET subject = btrim(regexp_replace(subject, '\{%\s*if\s+(first_name|lead_name)\s*!=\s*""\s*%\}.*?\{%\s*endif\s*%\}', '', 'g')),
       plain_content = regexp_replace(plain_content, '\n[^\n]*\n[^\n]*\{\{\s*message_excerpt\s*\}\}[^\n]*', '', 'g'),
       html_content = regexp_replace(html_content, '<p>[^\n]*\{\{\s*message_excerpt\s*\}\}[^\n]*</p>\n?', '', 'g'),
       variables = (SELECT coalesce(jsonb_agg(v), '[]'::jsonb) FROM jsonb_array_elements(variables) v WHERE v <> '"message_excerpt"'),
       updated_at = now()
 WHERE category = 'auto_reply';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM email_templates WHERE category = 'auto_reply'
                AND (subject ~ '(first_name|lead_name|message_excerpt)'
                     OR plain_content ~ 'message_excerpt' OR html_content ~ 'message_excerpt')) THEN
        RAISE EXCEPTION 'an auto-reply template still carries lead text';
    END IF;
END
$$;

ALTER TABLE email_templates FORCE ROW LEVEL SECURITY;
