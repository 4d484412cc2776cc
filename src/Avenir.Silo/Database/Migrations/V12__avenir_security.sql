-- V12: row-level security and grants for the application role ${app_role}.
--
-- Contract with the application (every transaction, SET LOCAL semantics):
--   client-scoped work:   SELECT set_config('avenir.client_id', '<client uuid>', true);
--   trusted server work:  SELECT set_config('avenir.role', 'system', true);
--                         (job workers, admin API, grains acting for the agency, credential look-ups)
-- With neither set, a session of ${app_role} sees no tenant row and no agency row; it can read the
-- reference tables (intent_translations, translation_dictionary) only.
--
-- RLS is the second wall behind the API and grain checks, not an authentication mechanism: the
-- application role may set either value, so only trusted code must talk to the database.
-- Tenant queries still filter on client_id themselves, so they use the client_id-leading indexes.
--
-- Migrations run as the owner. FORCE ROW LEVEL SECURITY also binds an owner that is neither
-- superuser nor BYPASSRLS, and the policies below are for ${app_role} only, so a data migration run
-- by such an owner lifts FORCE on its table inside its own transaction (see V13).

-- ---------------------------------------------------------------------------------------------
-- Helper functions used by the policies.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION avenir_current_client() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    -- missing_ok: NULL when never set; a SET LOCAL reverts to '' after the transaction, hence nullif.
    -- A malformed value raises (fails closed).
    SELECT nullif(current_setting('avenir.client_id', true), '')::uuid
$$;

COMMENT ON FUNCTION avenir_current_client() IS
    'Tenant of the current transaction (setting avenir.client_id = clients.client_id), NULL when unset or empty.';

CREATE FUNCTION avenir_is_system() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(current_setting('avenir.role', true) = 'system', false)
$$;

COMMENT ON FUNCTION avenir_is_system() IS
    'True when the transaction runs as trusted server work (setting avenir.role = ''system''): sees every row.';

-- ---------------------------------------------------------------------------------------------
-- Row-level security.
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    -- Tables with a client_id column (clients is keyed by its own client_id).
    tenant_tables text[] := ARRAY[
        'clients', 'lead_memory', 'lead_actions', 'lead_notes', 'growth_brain', 'feedback_tracking',
        'performance_metrics', 'prompt_performance', 'outreach_campaigns', 'outreach_emails',
        'outreach_tracking', 'outreach_metrics', 'integration_logs'];
    -- Agency tables: system sessions only.
    agency_tables text[] := ARRAY[
        'prompt_registry', 'prompt_ab_tests', 'prompt_evolution', 'prospect_candidates',
        'prospect_outreach_log', 'prospect_industry_performance', 'prospect_form_tests',
        'email_templates', 'translation_cache', 'queue_jobs', 'avenir_profile_embeddings'];
    -- Reference data: every session reads, system sessions write.
    reference_tables text[] := ARRAY['intent_translations', 'translation_dictionary'];
    t text;
    missing text;
BEGIN
    FOREACH t IN ARRAY tenant_tables || agency_tables || reference_tables LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;

    FOREACH t IN ARRAY tenant_tables LOOP
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I FOR ALL TO %I '
            'USING (client_id = avenir_current_client() OR avenir_is_system()) '
            'WITH CHECK (client_id = avenir_current_client() OR avenir_is_system())',
            t, '${app_role}');
    END LOOP;

    FOREACH t IN ARRAY agency_tables LOOP
        EXECUTE format(
            'CREATE POLICY system_only ON %I FOR ALL TO %I '
            'USING (avenir_is_system()) WITH CHECK (avenir_is_system())',
            t, '${app_role}');
    END LOOP;

    FOREACH t IN ARRAY reference_tables LOOP
        EXECUTE format('CREATE POLICY reference_read ON %I FOR SELECT TO %I USING (true)', t, '${app_role}');
        EXECUTE format(
            'CREATE POLICY system_write ON %I FOR ALL TO %I '
            'USING (avenir_is_system()) WITH CHECK (avenir_is_system())',
            t, '${app_role}');
    END LOOP;

    -- Guard the classification: a table with a client_id column must be a tenant table.
    SELECT string_agg(c.relname, ', ') INTO missing
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'client_id' AND NOT a.attisdropped
    WHERE c.relnamespace = 'public'::regnamespace
      AND c.relkind IN ('r', 'p')
      AND c.relname <> ALL (tenant_tables);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'tables with client_id that are not tenant tables: %', missing;
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Grants. ON ALL covers every object that exists now: the Orleans tables of V1-V4 (OrleansQuery,
-- OrleansMembershipVersionTable, OrleansMembershipTable, OrleansStorage, OrleansRemindersTable) and
-- the Avenir tables. DEFAULT PRIVILEGES covers what later migrations (run by this same owner) create.
-- ---------------------------------------------------------------------------------------------
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO "${app_role}";

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${app_role}";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${app_role}";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "${app_role}";

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${app_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "${app_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO "${app_role}";

DO $$
DECLARE
    owned text;
BEGIN
    -- Evolve's history table (default name "changelog") is the migrator's alone: the application
    -- may not rewrite which migrations ran.
    IF to_regclass('public.changelog') IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON TABLE public.changelog FROM %I', '${app_role}');
        -- and the sequence behind its id column, if any
        FOR owned IN
            SELECT d.objid::regclass::text FROM pg_depend d
            WHERE d.refobjid = 'public.changelog'::regclass AND d.classid = 'pg_class'::regclass
              AND d.deptype IN ('a', 'i')
              AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'
        LOOP
            EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %I', owned, '${app_role}');
        END LOOP;
        owned := NULL;
    END IF;

    -- The application role must own nothing: an owner could disable RLS on its tables.
    SELECT string_agg(c.relname, ', ') INTO owned
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace
      AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = '${app_role}');
    IF owned IS NOT NULL THEN
        RAISE EXCEPTION 'role % owns objects in schema public: %', '${app_role}', owned;
    END IF;
END
$$;
