-- The post versions this window saw: what the findings, reports and cross-post links of the
-- window read. Overlapping windows each keep their own.
INSERT INTO core.window_post (window_start, window_end, post_pk, content_hash, first_seen_at, last_seen_at)
SELECT :window_start, :window_end, p.post_pk, s.content_hash, s.first_seen_at, s.last_seen_at
FROM seen s
JOIN core.post_key p USING (platform, post_id)
