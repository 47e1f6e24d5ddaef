-- Every version of the original posts a cross-post link of this window can involve: the window's
-- own original posts (whenever they were made) and their owner's other original posts made within
-- a day of one of them. The owner is the OPD or the employee behind the account. All versions,
-- not the current text: a link holds when any version of one post is near any version of the
-- other, so the links do not depend on which window's edits were upserted first.
WITH mine AS (
    SELECT DISTINCT p.post_pk, p.created_at, coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id) AS owner
    FROM core.window_post s
    JOIN core.post p USING (post_pk)
    JOIN registry.account a USING (account_id)
    WHERE s.window_start = :window_start AND s.window_end = :window_end AND p.post_type = 'original'
), posts AS (
    SELECT DISTINCT p.post_pk, p.platform, p.created_at, m.owner
    FROM mine m
    JOIN registry.account a ON coalesce('opd:' || a.opd_id, 'emp:' || a.employee_id) = m.owner
    JOIN core.post p USING (account_id)
    WHERE p.post_type = 'original'
      AND p.created_at BETWEEN m.created_at - interval '1 day' AND m.created_at + interval '1 day'
)
SELECT p.post_pk, p.platform, p.created_at, p.owner, v.text,
       p.post_pk IN (SELECT post_pk FROM mine) AS in_window
FROM posts p
JOIN core.post_version v USING (post_pk)
ORDER BY p.owner, p.created_at, p.post_pk, v.content_hash
