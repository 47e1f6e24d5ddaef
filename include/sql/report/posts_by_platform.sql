SELECT p.platform, count(DISTINCT p.post_pk)::int AS posts,
       count(DISTINCT p.post_pk) FILTER (WHERE p.first_seen_at = s.seen_at)::int AS new_posts,
       count(DISTINCT p.post_pk) FILTER (WHERE p.deleted_at IS NOT NULL)::int AS deleted
FROM core.sighting s JOIN core.post p USING (post_pk)
WHERE s.window_start = :window_start
GROUP BY p.platform ORDER BY p.platform
