-- A post is deleted when a complete API fetch that covered it, made after it was last seen,
-- no longer returned it. Considering every such fetch (not just this window's) makes the result
-- independent of the order windows run in; a post seen again after that loses its tombstone.
-- Its raw payloads, versions and findings stay (evidence hold). Timelines cover an account's
-- own posts, comment fetches the comments under one post; each branch has its own index.
WITH window_fetch AS (
    SELECT * FROM raw.fetch WHERE window_start = :window_start AND source = 'api' AND complete
), candidates AS (
    SELECT post_pk FROM core.sighting WHERE window_start = :window_start
    UNION
    SELECT p.post_pk
    FROM window_fetch f
    JOIN core.post p ON p.platform = f.platform AND p.account_key = lower(f.account)
     AND p.created_at >= f.since AND p.created_at < f.until AND p.post_type <> 'comment'
    WHERE f.scope_kind = 'timeline'
    UNION
    SELECT p.post_pk
    FROM window_fetch f
    JOIN core.post p ON p.platform = f.platform AND p.parent_post_id = f.scope_key AND p.post_type = 'comment'
    WHERE f.scope_kind = 'comments'
), verdict AS (
    SELECT p.post_pk,
           CASE WHEN p.post_type = 'comment' THEN
               (SELECT min(f.fetched_at) FROM raw.fetch f
                 WHERE f.platform = p.platform AND f.scope_kind = 'comments' AND f.scope_key = p.parent_post_id
                   AND f.source = 'api' AND f.complete AND f.fetched_at > p.last_seen_at
                   AND p.created_at >= f.since AND p.created_at < f.until)
           ELSE
               (SELECT min(f.fetched_at) FROM raw.fetch f
                 WHERE f.platform = p.platform AND f.scope_kind = 'timeline' AND lower(f.account) = p.account_key
                   AND f.source = 'api' AND f.complete AND f.fetched_at > p.last_seen_at
                   AND p.created_at >= f.since AND p.created_at < f.until)
           END AS deleted_at
    FROM candidates c JOIN core.post p USING (post_pk)
)
UPDATE core.post p
SET deleted_at = v.deleted_at
FROM verdict v
WHERE p.post_pk = v.post_pk AND p.deleted_at IS DISTINCT FROM v.deleted_at
RETURNING (v.deleted_at IS NOT NULL) AS deleted
