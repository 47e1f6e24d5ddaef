-- Every version of the original posts a cross-post link of this window can involve: the window's
-- own original posts (whenever they were made) and their owner's other original posts made within
-- a day of them. The owner is the OPD or the employee behind the account. All versions, not the
-- current text: a link holds when any version of one post is near any version of the other, so
-- the links do not depend on which window's edits were upserted first. An owner's posts are read
-- once for the span of the owner's window posts (a day either side); one nearer no window post
-- than a day pairs with none of them, which netra.crosspost skips. Only owners who posted on more
-- than one platform in the span can have a cross-post: most employees have one account.
WITH mine AS (
    SELECT DISTINCT p.post_pk, p.created_at, coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id) AS owner
    FROM core.window_post s
    JOIN core.post p USING (post_pk)
    JOIN registry.account a USING (account_id)
    WHERE s.window_start = :window_start AND s.window_end = :window_end AND p.post_type = 'original'
), owners AS (
    SELECT owner, min(created_at) - interval '1 day' AS since, max(created_at) + interval '1 day' AS until
    FROM mine GROUP BY owner
), posts AS (
    SELECT p.post_pk, p.platform, p.created_at, o.owner
    FROM owners o
    JOIN registry.account a ON coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id) = o.owner
    JOIN core.post p USING (account_id)
    WHERE p.post_type = 'original' AND p.created_at BETWEEN o.since AND o.until
), platforms AS (
    SELECT owner FROM posts GROUP BY owner HAVING min(platform) <> max(platform)
)
SELECT p.post_pk, p.platform, p.created_at, p.owner, v.text,
       p.post_pk IN (SELECT post_pk FROM mine) AS in_window
FROM posts p
JOIN platforms USING (owner)
JOIN core.post_version v USING (post_pk)
ORDER BY p.owner, p.created_at, p.post_pk, v.content_hash
