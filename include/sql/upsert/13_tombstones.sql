-- Write the verdicts that change something. Raw payloads, versions and findings of a deleted
-- post stay (evidence hold).
UPDATE core.post p
SET deleted_at = v.deleted_at
FROM verdict v
WHERE p.post_pk = v.post_pk AND p.deleted_at IS DISTINCT FROM v.deleted_at
RETURNING (v.deleted_at IS NOT NULL) AS deleted
