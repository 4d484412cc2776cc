-- V10: the application role.
--
-- The application connects as ${app_role}, a role that owns nothing and is subject to row-level
-- security (V12). It is created NOLOGIN; the start-up code sets LOGIN and its password from
-- configuration, so no secret lives in a migration.
--
-- Roles are cluster-wide while migrations run per database, so several Avenir databases in one
-- cluster share this role: create it only when missing, and tolerate a concurrent creation by
-- another database's migration.

DO $$
DECLARE
    existing pg_roles%ROWTYPE;
BEGIN
    SELECT * INTO existing FROM pg_roles WHERE rolname = '${app_role}';

    IF NOT FOUND THEN
        BEGIN
            EXECUTE format(
                'CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
                '${app_role}');
        EXCEPTION
            -- Another database's migration created it between our check and our CREATE.
            WHEN duplicate_object OR unique_violation THEN
                RAISE NOTICE 'role % was created concurrently; reusing it', '${app_role}';
        END;
    ELSIF existing.rolsuper OR existing.rolbypassrls THEN
        -- Row-level security is the second wall between tenants; a role that bypasses it breaks
        -- the contract silently, so refuse to go on.
        RAISE EXCEPTION 'role % exists but is SUPERUSER or BYPASSRLS; the application role must be subject to row-level security',
            '${app_role}';
    END IF;
END
$$;
