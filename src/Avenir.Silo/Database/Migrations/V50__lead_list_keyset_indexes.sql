-- V50: the dashboard's lead list pages by keyset (created_at, id) newest first (decision 0014, issue 13).
-- The two created_at indexes gain the id as their last column, so "WHERE client_id = $1 AND (created_at, id) < ($2, $3)
-- ORDER BY created_at DESC, id DESC LIMIT n" is one index range read at any depth, and ties on created_at (leads of one
-- intake transaction share an instant's neighbourhood) are ordered by the index too. They replace the old ones rather
-- than adding to them: intake writes every index entry of every lead, so the count of lead_memory indexes stays the same.
CREATE INDEX lead_memory_client_created_id_idx ON lead_memory (client_id, created_at DESC, id DESC);
CREATE INDEX lead_memory_client_active_created_id_idx ON lead_memory (client_id, created_at DESC, id DESC)
    WHERE NOT deleted AND NOT archived;
DROP INDEX lead_memory_client_created_idx;
DROP INDEX lead_memory_client_active_created_idx;
