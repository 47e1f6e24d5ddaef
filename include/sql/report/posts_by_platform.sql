SELECT p.platform, count(DISTINCT p.post_pk)::int AS posts,
       count(DISTINCT p.post_pk) FILTER (WHERE p.first_seen_at = s.first_seen_at)::int AS new_posts,
       count(DISTINCT p.post_pk) FILTER (WHERE p.deleted_at IS NOT NULL)::int AS deleted
FROM core.window_post s JOIN core.post p USING (post_pk)
WHERE s.window_start = :window_start AND s.window_end = :window_end
GROUP BY p.platform ORDER BY p.platform
