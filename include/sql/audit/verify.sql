-- The first event whose hash does not cover its own columns, or that does not follow the one
-- before it: where the trail was rewritten (NULL when it holds).
SELECT event_id FROM (
    SELECT e.event_id, e.hash, e.prev_hash, lag(e.hash) OVER (ORDER BY e.event_id) AS before,
           encode(sha256(convert_to(audit.canonical(e), 'UTF8')), 'hex') AS recomputed
    FROM audit.event e
) x
WHERE hash <> recomputed OR prev_hash IS DISTINCT FROM before
ORDER BY event_id
LIMIT 1
