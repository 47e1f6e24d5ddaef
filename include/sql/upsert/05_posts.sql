-- Upsert posts. The current content is the most recently seen version (of two seen at once, the
-- first in page order), whatever order windows run in; a rerun that brings nothing newer updates
-- nothing (no dead row versions). A post is one row per (platform, post_id) across the month
-- partitions through core.post_key: a new post gets its key there, numbered in the month of the
-- earliest-filed page that showed it (its id's month bits), which files it, its versions and its
-- findings in that month; a post seen again keeps its key, whatever created_at a refetch reports.
WITH latest AS (
    SELECT DISTINCT ON (platform, post_id) *
    FROM seen
    ORDER BY platform, post_id, last_seen_at DESC, last_payload_id, last_item_no
), span AS (
    SELECT s.platform, s.post_id, min(s.first_seen_at) AS first_seen_at, max(s.last_seen_at) AS last_seen_at,
           min(s.first_payload_id) AS first_payload_id, k.post_pk
    FROM seen s
    LEFT JOIN core.post_key k USING (platform, post_id)
    GROUP BY s.platform, s.post_id, k.post_pk
), keyed AS (
    INSERT INTO core.post_key (post_pk, platform, post_id)
    SELECT (first_payload_id >> 40 << 40) + nextval('core.post_post_pk_seq'), platform, post_id
    FROM span
    WHERE post_pk IS NULL
    ORDER BY platform, post_id
    ON CONFLICT (platform, post_id) DO NOTHING
    RETURNING post_pk, platform, post_id
)
INSERT INTO core.post AS p (post_pk, platform, post_id, account_handle, account_platform_id, account_id, created_at,
                            post_type, parent_post_id, ref_post_id, ref_account, text, metrics, permalink,
                            content_hash, text_key, first_source, first_seen_at, last_seen_at)
SELECT coalesce(s.post_pk, n.post_pk), l.platform, l.post_id, coalesce(l.account_handle, a.handle), l.account_platform_id, l.account_id,
       l.created_at, l.post_type, l.parent_post_id, l.ref_post_id, l.ref_account, l.text, l.metrics, l.permalink,
       l.content_hash, l.text_key, l.source, s.first_seen_at, s.last_seen_at
FROM latest l
JOIN span s USING (platform, post_id)
LEFT JOIN keyed n USING (platform, post_id)
LEFT JOIN registry.account a ON a.account_id = l.account_id
ORDER BY l.platform, l.post_id
ON CONFLICT (post_pk) DO UPDATE SET
    first_seen_at  = least(p.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at   = greatest(p.last_seen_at, EXCLUDED.last_seen_at),
    account_id     = coalesce(EXCLUDED.account_id, p.account_id),
    account_handle = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN coalesce(EXCLUDED.account_handle, p.account_handle) ELSE p.account_handle END,
    text           = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.text ELSE p.text END,
    content_hash   = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.content_hash ELSE p.content_hash END,
    text_key       = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.text_key ELSE p.text_key END,
    metrics        = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.metrics ELSE p.metrics END,
    post_type      = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.post_type ELSE p.post_type END,
    ref_post_id    = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.ref_post_id ELSE p.ref_post_id END,
    ref_account    = CASE WHEN EXCLUDED.last_seen_at > p.last_seen_at THEN EXCLUDED.ref_account ELSE p.ref_account END,
    permalink      = coalesce(p.permalink, EXCLUDED.permalink)
WHERE EXCLUDED.last_seen_at > p.last_seen_at
   OR EXCLUDED.first_seen_at < p.first_seen_at
   OR (p.account_id IS NULL AND EXCLUDED.account_id IS NOT NULL)
-- Inserted or updated: whether its key was there before this statement (a partitioned table has
-- no xmax to return).
RETURNING NOT EXISTS (SELECT 1 FROM core.post_key o WHERE o.post_pk = p.post_pk) AS inserted
