-- Whether each post the window touches is deleted, and since when: deleted when a later fetch
-- of its scope that proves absence (core.fetch_applied) did not return it, neither as an
-- accepted item nor as a quarantined one. An applied fetch's accepted items are in core, so a
-- post it returned was last seen no earlier than the fetch. Considering every such fetch (not
-- just this window's) makes the result independent of the order windows run in; a post seen
-- again later loses its tombstone. Timelines cover an account's own posts, comment fetches the
-- comments under one post.
CREATE TEMP TABLE verdict ON COMMIT DROP AS
WITH window_fetch AS (
    SELECT f.* FROM raw.fetch f
    WHERE f.fetch_id IN (SELECT fetch_id FROM stage.fetch
                         WHERE window_start = :window_start AND window_end = :window_end)
      AND f.source = 'api' AND f.complete
), candidates AS (
    SELECT post_pk FROM core.window_post WHERE window_start = :window_start AND window_end = :window_end
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
)
SELECT p.post_pk, p.deleted_at AS was_deleted_at,
       CASE WHEN p.post_type = 'comment' THEN
           (SELECT min(f.fetched_at) FROM raw.fetch f JOIN core.fetch_applied a USING (fetch_id)
             WHERE f.platform = p.platform AND f.scope_kind = 'comments' AND f.scope_key = p.parent_post_id
               AND a.proves_absence AND f.fetched_at > p.last_seen_at
               AND p.created_at >= f.since AND p.created_at < f.until
               AND NOT EXISTS (SELECT 1 FROM raw.payload r JOIN quarantine.record q USING (payload_id)
                               WHERE r.fetch_id = f.fetch_id AND q.post_id = p.post_id))
       ELSE
           (SELECT min(f.fetched_at) FROM raw.fetch f JOIN core.fetch_applied a USING (fetch_id)
             WHERE f.platform = p.platform AND f.scope_kind = 'timeline' AND lower(f.account) = p.account_key
               AND a.proves_absence AND f.fetched_at > p.last_seen_at
               AND p.created_at >= f.since AND p.created_at < f.until
               AND NOT EXISTS (SELECT 1 FROM raw.payload r JOIN quarantine.record q USING (payload_id)
                               WHERE r.fetch_id = f.fetch_id AND q.post_id = p.post_id))
       END AS deleted_at
FROM candidates c JOIN core.post p USING (post_pk)
