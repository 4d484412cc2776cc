-- A client-scoped transaction may enqueue work about its own tenant, and nothing more.
--
-- Why: a lead is acknowledged only once its row AND the jobs that follow it (enrichment, auto-reply)
-- are committed together (transactional outbox). That transaction runs under the lead's tenant, while
-- queue_jobs is an agency table readable by system work only. This policy lets the tenant INSERT a job
-- whose payload names its own client id; it still cannot read, claim, change or delete any job.
CREATE POLICY tenant_enqueue ON queue_jobs FOR INSERT TO "${app_role}"
    WITH CHECK (
        avenir_current_client() IS NOT NULL
        AND payload ->> 'clientId' = avenir_current_client()::text
        AND status = 'pending'
        AND attempts = 0
    );

