-- Every distinct content a post has shown, with when it was first and last seen.
INSERT INTO core.post_version AS v (post_pk, content_hash, text, metrics, first_seen_at, last_seen_at, payload_id)
SELECT p.post_pk, s.content_hash, s.text, s.metrics, s.first_seen_at, s.last_seen_at, s.first_payload_id
FROM seen s
JOIN core.post_key p USING (platform, post_id)
ORDER BY p.post_pk, s.content_hash
ON CONFLICT (post_pk, content_hash) DO UPDATE SET
    first_seen_at = least(v.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at  = greatest(v.last_seen_at, EXCLUDED.last_seen_at),
    payload_id    = CASE WHEN EXCLUDED.first_seen_at < v.first_seen_at THEN EXCLUDED.payload_id ELSE v.payload_id END
WHERE EXCLUDED.first_seen_at < v.first_seen_at OR EXCLUDED.last_seen_at > v.last_seen_at
-- Inserted or updated: whether the version was there before this statement, which its own rows
-- are not to (a partitioned table has no xmax to return).
RETURNING NOT EXISTS (SELECT 1 FROM core.post_version o WHERE o.post_pk = v.post_pk AND o.content_hash = v.content_hash) AS inserted
