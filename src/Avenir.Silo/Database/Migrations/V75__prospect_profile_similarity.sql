-- V75: the profile-similarity signal of automation_need_score (issue 11). Embedding a description costs ~10 ms, so the
-- import and the grains do not embed: every writer of a row stores the hash of its merged description, and the
-- prospect_similarity job compares the descriptions whose hash (or the embedding model) differs from the one it compared,
-- storing the best cosine with the agency profile's chunks, then rescores the row (decision 0012, addendum "rescoring").

ALTER TABLE prospect_candidates
    ADD COLUMN description_hash text,
    ADD COLUMN profile_similarity double precision,
    ADD COLUMN profile_similarity_model text,
    ADD COLUMN profile_similarity_hash text,
    ADD CONSTRAINT prospect_candidates_profile_similarity_range CHECK (profile_similarity BETWEEN -1 AND 1);

COMMENT ON COLUMN prospect_candidates.description_hash IS
    'SHA-256 (hex) of the merged profile''s description, written with the row; null: no description.';
COMMENT ON COLUMN prospect_candidates.profile_similarity IS
    'Best cosine between the description and the agency profile chunks (avenir_profile_embeddings), by the prospect_similarity job.';
COMMENT ON COLUMN prospect_candidates.profile_similarity_model IS 'The embedding model profile_similarity was computed with.';
COMMENT ON COLUMN prospect_candidates.profile_similarity_hash IS
    'The description_hash profile_similarity was computed for: the score uses the similarity only while it equals description_hash.';

-- The rows written before V75: the longest description of their records (the merge's rule). The job stores the hash the
-- merge computes when it compares a row, so a tie resolved differently here only costs one comparison.
UPDATE prospect_candidates p
   SET description_hash = encode(sha256(convert_to(d.description, 'UTF8')), 'hex')
  FROM (SELECT c.id, (SELECT btrim(r->>'description') FROM jsonb_array_elements(c.profile->'records') r
                       WHERE btrim(coalesce(r->>'description', '')) <> ''
                       ORDER BY length(btrim(r->>'description')) DESC, btrim(r->>'description') COLLATE "C" LIMIT 1) AS description
          FROM prospect_candidates c WHERE jsonb_typeof(c.profile->'records') = 'array') d
 WHERE d.id = p.id AND d.description IS NOT NULL;

-- The job walks the rows with a description by id.
CREATE INDEX prospect_candidates_described_idx ON prospect_candidates (id) WHERE description_hash IS NOT NULL;
