-- Posts seen by the windows inside the period [:start, :end), per platform: new ones (first seen
-- by that window) and those now deleted.
SELECT p.platform::text AS platform, count(DISTINCT p.post_pk)::int AS posts,
       count(DISTINCT p.post_pk) FILTER (WHERE p.first_seen_at = s.first_seen_at)::int AS new_posts,
       count(DISTINCT p.post_pk) FILTER (WHERE p.deleted_at IS NOT NULL)::int AS deleted
FROM core.window_post s JOIN core.post p USING (post_pk)
WHERE s.window_start >= :start AND s.window_start < :end AND s.window_end <= :end  -- the first bound of the index scan
GROUP BY p.platform ORDER BY p.platform
