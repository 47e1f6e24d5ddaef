-- Write the verdicts that change something. Raw payloads, versions and findings of a deleted
-- post stay (evidence hold). The verdicts are filtered before they meet core.post: a window's
-- first load has a verdict for each of its posts and changes none (joining all of them took a
-- province's window 3.9 s); was_deleted_at was read in this transaction, under the lock.
UPDATE core.post p
SET deleted_at = v.deleted_at
FROM verdict v
WHERE p.post_pk = v.post_pk AND v.was_deleted_at IS DISTINCT FROM v.deleted_at
  AND p.deleted_at IS DISTINCT FROM v.deleted_at
RETURNING (v.deleted_at IS NOT NULL) AS deleted
